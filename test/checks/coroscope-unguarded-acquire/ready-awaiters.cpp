// RUN: %check_clang_tidy %s coroscope-unguarded-acquire %t -- -- -I%S/../Inputs
// A co_await whose awaiter is always ready (`await_ready() { return true; }`,
// as async_simple's `co_await CurrentExecutor{}`) never suspends: no one can
// cancel or destroy the coroutine there. It leaks only if its own calls may
// throw.

#include "manual_locks.h"

struct executor;

struct current_executor {
  executor *value;
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  executor *await_resume() noexcept { return value; }
};

struct checked_executor {
  executor *value;
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  executor *await_resume(); // may throw
};

struct maybe_ready {
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};

coroscope::task<void> reads_the_executor(demo::manual_mutex &mutex) {
  co_await mutex.lock();
  executor *ex = co_await current_executor{nullptr};
  (void)ex;
  mutex.unlock();
}

coroscope::task<void> resume_may_throw(demo::manual_mutex &mutex) {
  co_await mutex.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the resource acquired by 'lock' leaks if an exception or cancellation leaves before 'unlock' [coroscope-unguarded-acquire]
  executor *ex = co_await checked_executor{nullptr};
  // CHECK-MESSAGES: :[[@LINE-1]]:18: note: an exception thrown here skips 'unlock'
  (void)ex;
  mutex.unlock();
}

coroscope::task<void> may_suspend(demo::manual_mutex &mutex) {
  co_await mutex.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the resource acquired by 'lock' leaks if an exception or cancellation leaves before 'unlock' [coroscope-unguarded-acquire]
  co_await maybe_ready{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: destroying the coroutine while it is suspended here skips 'unlock'
  mutex.unlock();
}
