// RUN: %check_clang_tidy %s coroscope-swallowed-cancellation %t -- -- -I%S/../Inputs
// Best-effort cleanup on an error path is no swallowed cancellation: the
// handler around the cleanup lets the cleanup's own failure (a cancellation
// included) go, but the coroutine does not go on when every path after the
// handler throws, the original exception or another one.

#include "cancellation.h"
#include "minimal_tasks.h"
#include <exception>
#include <stdexcept>

using namespace demo;

lazy_task<> body();
lazy_task<> rollback();
void log_error();

lazy_task<> rolls_back_then_rethrows() {
  std::exception_ptr ep;
  try {
    co_await body();
  } catch (...) {
    ep = std::current_exception();
  }
  if (ep) {
    try {
      co_await rollback();
    } catch (...) {
      log_error();
    }
    std::rethrow_exception(ep);
  }
}

lazy_task<> rolls_back_then_throws_another() {
  bool failed = false;
  try {
    co_await body();
  } catch (const std::runtime_error &) {
    failed = true;
  }
  if (failed) {
    try {
      co_await rollback();
    } catch (...) {
      log_error();
    }
    throw std::logic_error("transfer failed");
  }
}

// After this cleanup's handler the coroutine goes on: a cancellation of
// the cleanup is swallowed.
lazy_task<> rolls_back_and_goes_on() {
  try {
    co_await rollback();
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation ('coroscope::cancelled') and lets the coroutine go on without rethrowing it; it keeps running after it was cancelled, and its caller never sees the cancellation [coroscope-swallowed-cancellation]
  // CHECK-FIXES: {{^}}  } catch (const coroscope::cancelled&) { throw; } catch (...) {{{$}}
    log_error();
  }
  co_await body();
}

// A loop that never ends goes on without throwing.
lazy_task<> retries_forever() {
  for (;;) {
    try {
      co_await body();
    } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: catch-all handler catches cancellation ('coroscope::cancelled') and lets the coroutine go on without rethrowing it; it keeps running after it was cancelled, and its caller never sees the cancellation [coroscope-swallowed-cancellation]
    // CHECK-FIXES: {{^}}    } catch (const coroscope::cancelled&) { throw; } catch (...) {{{$}}
      log_error();
    }
    co_await rollback();
  }
}
