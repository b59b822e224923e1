// Contract 1 when memory runs out: a resource whose async_enter succeeded
// is exited even if the runtime's own bookkeeping afterwards fails to
// allocate. Every allocation of a scope's entry (and of its whole life)
// fails in turn.
//
// This binary replaces operator new, which ThreadSanitizer's runtime
// defines itself; it is not built under ThreadSanitizer (it has no threads
// to check anyway).
#include <coroscope/exit_stack.hpp>
#include <coroscope/run.hpp>
#include <coroscope/scope.hpp>
#include <coroscope/task.hpp>

#include <gtest/gtest.h>

#include <coroutine>
#include <cstddef>
#include <cstdlib>
#include <exception>
#include <new>
#include <utility>

// Allocation failures on demand: operator new of this test binary throws
// std::bad_alloc at the Nth allocation once armed (see AllocationFailure).
namespace {
long allocations_until_failure = -1; // -1: never
} // namespace

void* operator new(std::size_t size) {
  if (allocations_until_failure >= 0 && allocations_until_failure-- == 0)
    throw std::bad_alloc();
  if (void* memory = std::malloc(size == 0 ? 1 : size))
    return memory;
  throw std::bad_alloc();
}
void operator delete(void* memory) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t) noexcept { std::free(memory); }

namespace {

using coroscope::async_with;
using coroscope::run;
using coroscope::task;

/// A resource that counts its enters and exits. Its exit allocates nothing
/// itself, so that a failed allocation can only be the runtime's.
struct counted {
  int& entered;
  int& exited;
  task<int> async_enter() {
    ++entered;
    co_return 1;
  }
  auto async_exit(std::exception_ptr) {
    ++exited;
    return std::suspend_never(); // an awaitable of void, ready at once
  }
};

/// Runs \p scope (a function taking the body that disarms the failure) with
/// the Nth allocation failing, for every N of the scope's entry: from the
/// start until its body begins. An entered resource must be exited every
/// time.
template <class Scope>
void fail_every_allocation_of_the_entry(Scope scope) {
  for (long n = 0;; ++n) {
    int entered = 0;
    int exited = 0;
    bool body_ran = false;
    auto body = [&]() {
      allocations_until_failure = -1; // the entry is over
      body_ran = true;
    };
    allocations_until_failure = n;
    try {
      run(scope(counted{entered, exited}, body));
    } catch (const std::bad_alloc&) {
    }
    allocations_until_failure = -1;
    EXPECT_EQ(exited, entered) << "allocation " << n << " of the entry failed";
    if (body_ran) {
      EXPECT_EQ(entered, 1);
      return; // the entry took n allocations or fewer: every one has failed once
    }
    ASSERT_LT(n, 1000) << "the entry never completed";
  }
}

/// As fail_every_allocation_of_the_entry, over the scope's whole life: the
/// body does not stop the failures, so they reach the exit's bookkeeping.
template <class Scope>
void fail_every_allocation_of_the_scope(Scope scope) {
  for (long n = 0;; ++n) {
    int entered = 0;
    int exited = 0;
    allocations_until_failure = n;
    try {
      run(scope(counted{entered, exited}, [] {}));
    } catch (const std::bad_alloc&) {
    }
    const bool failed = allocations_until_failure == -1; // the Nth was reached
    allocations_until_failure = -1;
    EXPECT_EQ(exited, entered) << "allocation " << n << " of the scope failed";
    if (!failed)
      return; // the scope took fewer than n + 1 allocations: every one has failed once
    ASSERT_LT(n, 1000) << "the scope never completed";
  }
}

TEST(AllocationFailure, AsyncWithExitsAnEnteredResourceWhateverAllocationFails) {
  fail_every_allocation_of_the_entry([](counted resource, auto disarm) {
    return async_with(std::move(resource), [disarm](int) mutable -> task<void> {
      disarm();
      co_return;
    });
  });
}

TEST(AllocationFailure, ExitStackEnterExitsAnEnteredResourceWhateverAllocationFails) {
  fail_every_allocation_of_the_entry([](counted resource, auto disarm) {
    return async_with(coroscope::exit_stack(),
                      [resource, disarm](coroscope::exit_stack& stack) mutable -> task<void> {
                        co_await stack.enter(std::move(resource));
                        disarm();
                      });
  });
}

TEST(AllocationFailure, AsyncWithExitsWhateverAllocationOfTheWholeScopeFails) {
  fail_every_allocation_of_the_scope([](counted resource, auto body) {
    return async_with(std::move(resource), [body](int) mutable -> task<void> {
      body();
      co_return;
    });
  });
}

TEST(AllocationFailure, ClosingAnExitStackAllocatesNothingThatCouldSkipAnExit) {
  // Each exit is made when its resource is registered; closing (once the
  // stack's own async_exit has its frame) runs them without allocating.
  for (long n = 0;; ++n) {
    int entered = 0;
    int exited = 0;
    bool failed = false;
    run([&]() -> task<void> {
      coroscope::exit_stack stack;
      co_await stack.enter(counted{entered, exited});
      co_await stack.enter(counted{entered, exited});
      task<bool> closing = stack.async_exit(nullptr);
      allocations_until_failure = n;
      try {
        co_await std::move(closing);
      } catch (const std::bad_alloc&) {
      }
      failed = allocations_until_failure == -1;
      allocations_until_failure = -1;
    }());
    EXPECT_EQ(entered, 2);
    EXPECT_EQ(exited, entered) << "allocation " << n << " of the close failed";
    if (!failed)
      return;
    ASSERT_LT(n, 1000) << "the close never completed";
  }
}

} // namespace
