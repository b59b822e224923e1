// Contract 1 when memory runs out: a resource whose async_enter succeeded
// is exited even if the runtime's own bookkeeping afterwards fails to
// allocate. Every allocation of a scope's entry fails in turn.
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

} // namespace
