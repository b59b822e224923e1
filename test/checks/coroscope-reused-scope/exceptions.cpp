// RUN: %check_clang_tidy %s coroscope-reused-scope %t -- -- -I%S/../Inputs

#include "coroscope_scopes_stub.h"

#include <exception>

using coroscope::task;

task<int> compute();
coroscope::async_context<int> resource(const char *name);
task<void> body(int &);
void log_failure();

// A retry loop around the same task: after the first attempt failed, the
// task has finished (with its exception), and the next attempt reuses it.
task<int> retry_same_task() {
  task<int> t = compute();
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      co_return co_await t;
      // CHECK-NOTES: :[[@LINE-1]]:26: warning: 't' is awaited after it was awaited in an earlier loop iteration
      // CHECK-NOTES: :[[@LINE-2]]:26: note: 't' was awaited here
    } catch (...) {
      log_failure();
    }
  }
  co_return 0;
}

// The same with a context manager entered again after a failure.
task<void> reenter_after_failure() {
  auto cm = resource("A");
  std::exception_ptr error;
  try {
    co_await coroscope::async_with(cm, body);
  } catch (...) {
    error = std::current_exception();
  }
  if (error)
    co_await coroscope::async_with(cm, body);
  // CHECK-NOTES: :[[@LINE-1]]:36: warning: 'cm' is entered by 'async_with' after it was entered by 'async_with'
  // CHECK-NOTES: :[[@LINE-7]]:36: note: 'cm' was entered by 'async_with' here
}

// After a try that awaits, awaited again on the normal path.
task<void> after_try() {
  task<int> t = compute();
  try {
    co_await t;
  } catch (...) {
    log_failure();
  }
  co_await t;
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 't' is awaited after it was awaited
  // CHECK-NOTES: :[[@LINE-6]]:14: note: 't' was awaited here
}

// Fine: the retry makes a new task for each attempt.
task<int> retry_new_task() {
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      co_return co_await compute();
    } catch (...) {
      log_failure();
    }
  }
  co_return 0;
}

// Fine: the handler rethrows, so nothing follows a failed await.
task<void> handler_rethrows() {
  task<int> t = compute();
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      co_await t;
      co_return;
    } catch (...) {
      log_failure();
      throw;
    }
  }
}
