// RUN: %check_clang_tidy %s coroscope-swallowed-cancellation %t -- -- -I%S/../Inputs

#include "cancellation.h"
#include "minimal_tasks.h"
#include <exception>

using namespace demo;

lazy_task<int> fetch();
void log_error();

// A coroutine lambda is a coroutine body of its own, inside a plain function
// or inside another coroutine.
void plain_function() {
  auto worker = []() -> lazy_task<> {
    try {
      co_await fetch();
    } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: catch-all handler catches cancellation ('coroscope::cancelled') and lets the coroutine go on
    // CHECK-FIXES: {{^}}    } catch (const coroscope::cancelled&) { throw; } catch (...) {{{$}}
      log_error();
    }
  };
  (void)worker;
}

lazy_task<> coroutine_with_lambdas() {
  // Not a coroutine: its handler is not the enclosing coroutine's.
  auto safe_log = [] {
    try {
      log_error();
    } catch (...) {
    }
  };
  safe_log();
  auto nested = []() -> lazy_task<> {
    try {
      co_await fetch();
    } catch (const coroscope::cancelled &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: handler of 'coroscope::cancelled' lets the coroutine go on
    }
  };
  co_await nested();
}

// A generic coroutine lambda, reported once whatever it is called with.
lazy_task<> generic() {
  auto each = [](auto value) -> lazy_task<> {
    try {
      co_await fetch();
    } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: catch-all handler catches cancellation
    // CHECK-FIXES: {{^}}    } catch (const coroscope::cancelled&) { throw; } catch (...) {{{$}}
    }
    (void)value;
  };
  co_await each(1);
  co_await each('x');
}

// The exception captured in a lambda's handler and rethrown after it.
auto captures = []() -> lazy_task<> {
  std::exception_ptr ep;
  try {
    co_await fetch();
  } catch (...) {
    ep = std::current_exception();
  }
  if (ep)
    std::rethrow_exception(ep);
};
