// RUN: %check_clang_tidy %s coroscope-unguarded-acquire %t -- -- -I%S/../Inputs/cppcoro -I%S/../Inputs/libcoro
// A scope that work is spawned into must be joined on every path out of the
// function, the normal ones included: a return between the spawn and the
// join destroys it unjoined as surely as an exception does.

#include <cppcoro/async_scope.hpp>
#include <cppcoro/task.hpp>
#include <coro/task.hpp>
#include <coro/task_group.hpp>
#include <coro/thread_pool.hpp>
#include <exception>
#include <memory>

cppcoro::task<> step();
coro::task<void> work();
bool done() noexcept;

cppcoro::task<> returns_early(bool early) {
  cppcoro::async_scope scope;
  scope.spawn(step());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'scope' is destroyed without being joined if the function returns after 'spawn' spawned work into it and before 'join'; its destructor asserts that it was joined, and the spawned work outlives it [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE+3]]:5: note: it returns here without 'join'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'co_await scope.join();' on every path, also after an exception: capture it, join, then rethrow
  if (early)
    co_return;
  co_await scope.join();
}

cppcoro::task<> joins_on_one_branch(bool wait) {
  cppcoro::async_scope scope;
  scope.spawn(step());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'scope' is destroyed without being joined if the function returns after 'spawn' spawned work into it and before 'join'; its destructor asserts that it was joined, and the spawned work outlives it [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE+4]]:1: note: it ends here without 'join'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'co_await scope.join();' on every path, also after an exception: capture it, join, then rethrow
  if (wait)
    co_await scope.join();
}

coro::task<void> group_returns_early(std::unique_ptr<coro::thread_pool> &pool,
                                     bool early) {
  coro::task_group<coro::thread_pool> group{pool};
  (void)group.start(work());
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'group' is destroyed without being joined if the function returns after 'start' spawned work into it and before 'co_await group'; its destructor blocks the thread until every task it started has finished [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE+3]]:5: note: it returns here without 'co_await group'
  // CHECK-NOTES: :[[@LINE-3]]:9: note: 'co_await' the group on every path before it goes out of scope
  if (early)
    co_return;
  co_await group;
}

// Negative: joined on every path.
cppcoro::task<> joins_everywhere(bool early) {
  cppcoro::async_scope scope;
  scope.spawn(step());
  if (early) {
    co_await scope.join();
    co_return;
  }
  co_await scope.join();
}

// Negative: the loop's only way out is the break before the join.
cppcoro::task<> spawns_in_a_loop() {
  cppcoro::async_scope scope;
  for (;;) {
    scope.spawn(step());
    if (done())
      break;
  }
  co_await scope.join();
}

// Negative: the error is captured, the scope joined, the error rethrown.
cppcoro::task<> captures_joins_rethrows() {
  cppcoro::async_scope scope;
  std::exception_ptr error;
  try {
    scope.spawn(step());
    co_await step();
  } catch (...) {
    error = std::current_exception();
  }
  co_await scope.join();
  if (error)
    std::rethrow_exception(error);
}

// A coroutine lambda that spawns into a scope it captured by reference does
// not own it: the function that declared it joins it.
cppcoro::task<> spawns_through_a_lambda() {
  cppcoro::async_scope scope;
  auto spawner = [&]() -> cppcoro::task<> {
    scope.spawn(step());
    co_return;
  };
  co_await spawner();
  co_await scope.join();
}

// A lambda's own scope is its own to join.
cppcoro::task<> lambda_with_its_own_scope() {
  auto spawner = []() -> cppcoro::task<> {
    cppcoro::async_scope scope;
    scope.spawn(step());
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'scope' is destroyed without being joined after 'spawn' spawned work into it; its destructor asserts that it was joined, and the spawned work outlives it [coroscope-unguarded-acquire]
    // CHECK-NOTES: :[[@LINE-2]]:5: note: 'co_await scope.join();' on every path, also after an exception: capture it, join, then rethrow
    co_return;
  };
  co_await spawner();
}
