// RUN: %check_clang_tidy %s coroscope-swallowed-cancellation %t -- -- -I%S/../Inputs

// Each way a path drops the exception has a note that shows where.

#include "cancellation.h"
#include "minimal_tasks.h"
#include <exception>

using namespace demo;

lazy_task<int> fetch();
lazy_task<> close_connection();
void log_error();
bool should_retry();

lazy_task<> leaves_handler() {
  try {
    co_await fetch();
  } catch (const coroscope::cancelled &) {
    log_error();
  }
  // CHECK-NOTES: :[[@LINE-3]]:5: warning: handler of 'coroscope::cancelled' lets the coroutine go on without rethrowing the cancellation
  // CHECK-NOTES: :[[@LINE-2]]:3: note: control leaves the handler here without rethrowing
  // CHECK-NOTES: :[[@LINE-5]]:5: note: rethrow the cancellation on every path ('throw;' or 'std::rethrow_exception'); cleanup that must also run on cancellation belongs in an RAII guard
}

lazy_task<> breaks_out_of_loop() {
  while (should_retry()) {
    try {
      co_await fetch();
    } catch (const coroscope::cancelled &) {
      break;
    }
  }
  // CHECK-NOTES: :[[@LINE-4]]:7: warning: handler of 'coroscope::cancelled' lets the coroutine go on
  // CHECK-NOTES: :[[@LINE-4]]:7: note: control leaves the handler here without rethrowing
  // CHECK-NOTES: :[[@LINE-6]]:7: note: rethrow the cancellation on every path
}

lazy_task<> returns() {
  try {
    co_await fetch();
  } catch (const coroscope::cancelled &) {
    co_return;
  }
  // CHECK-NOTES: :[[@LINE-3]]:5: warning: handler of 'coroscope::cancelled' lets the coroutine go on
  // CHECK-NOTES: :[[@LINE-3]]:5: note: 'co_return' completes the coroutine normally here
  // CHECK-NOTES: :[[@LINE-5]]:5: note: rethrow the cancellation on every path
}

lazy_task<> returns_holding() {
  std::exception_ptr ep;
  try {
    co_await fetch();
  } catch (const coroscope::cancelled &) {
    ep = std::current_exception();
  }
  // CHECK-NOTES: :[[@LINE-3]]:5: warning: handler of 'coroscope::cancelled' lets the coroutine go on
  co_await close_connection();
  if (should_retry())
    co_return;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: 'co_return' completes the coroutine normally here, dropping the exception held in 'ep'
  // CHECK-NOTES: :[[@LINE-8]]:5: note: rethrow the cancellation on every path
  std::rethrow_exception(ep);
}

lazy_task<> overwrites() {
  std::exception_ptr ep;
  try {
    co_await fetch();
  } catch (const coroscope::cancelled &) {
    ep = std::current_exception();
  }
  // CHECK-NOTES: :[[@LINE-3]]:5: warning: handler of 'coroscope::cancelled' lets the coroutine go on
  co_await close_connection();
  ep = {};
  // CHECK-NOTES: :[[@LINE-1]]:3: note: 'ep' is overwritten here before the exception it holds is rethrown
  // CHECK-NOTES: :[[@LINE-7]]:5: note: rethrow the cancellation on every path
  if (ep)
    std::rethrow_exception(ep);
}

lazy_task<> out_of_scope() {
  try {
    co_await fetch();
  } catch (const coroscope::cancelled &) {
    auto ep = std::current_exception();
  }
  // CHECK-NOTES: :[[@LINE-3]]:5: warning: handler of 'coroscope::cancelled' lets the coroutine go on
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'ep' goes out of scope here, and the exception it holds is never rethrown
  // CHECK-NOTES: :[[@LINE-5]]:5: note: rethrow the cancellation on every path
  co_await close_connection();
}

lazy_task<> falls_off_end() {
  std::exception_ptr ep;
  try {
    co_await fetch();
  } catch (const coroscope::cancelled &) {
    ep = std::current_exception();
  }
  // CHECK-NOTES: :[[@LINE-3]]:5: warning: handler of 'coroscope::cancelled' lets the coroutine go on
  co_await close_connection();
  if (should_retry())
    std::rethrow_exception(ep);
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: the coroutine completes here without rethrowing the exception held in 'ep'
// CHECK-NOTES: :[[@LINE-9]]:5: note: rethrow the cancellation on every path
