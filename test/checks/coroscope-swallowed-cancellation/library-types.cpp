// RUN: %check_clang_tidy %s coroscope-swallowed-cancellation %t -- -- -I%S/../Inputs

// folly's and cppcoro's cancellation exceptions derive from std::exception,
// so a handler of std::exception catches them; coroscope's does not.

#include "cancellation.h"
#include "library_cancellation.h"
#include "minimal_tasks.h"
#include <exception>
#include <stdexcept>

using namespace demo;

lazy_task<int> fetch();
void log_error(const std::exception &);
void log_error();

lazy_task<> base_handler() {
  try {
    co_await fetch();
  } catch (const std::exception &error) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'std::exception' catches cancellation ('folly::OperationCancelled') and lets the coroutine go on without rethrowing it; it keeps running after it was cancelled, and its caller never sees the cancellation [coroscope-swallowed-cancellation]
  // CHECK-FIXES: {{^}}  } catch (const folly::OperationCancelled&) { throw; } catch (const cppcoro::operation_cancelled&) { throw; } catch (const std::exception &error) {{{$}}
    log_error(error);
  }
}

// A catch-all after the rethrowing handlers of two of three types still
// catches the third.
lazy_task<> catch_all_after_some() {
  try {
    co_await fetch();
  } catch (const coroscope::cancelled &) {
    throw;
  } catch (const folly::OperationCancelled &) {
    throw;
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation ('cppcoro::operation_cancelled') and lets the coroutine go on
  // CHECK-FIXES: {{^}}  } catch (const cppcoro::operation_cancelled&) { throw; } catch (...) {{{$}}
    log_error();
  }
}

// A base handler that rethrows stands before the catch-all for both library
// types; coroscope::cancelled passes it and reaches the catch-all.
lazy_task<> base_rethrows_first() {
  try {
    co_await fetch();
  } catch (const std::exception &) {
    throw;
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation ('coroscope::cancelled') and lets the coroutine go on
  // CHECK-FIXES: {{^}}  } catch (const coroscope::cancelled&) { throw; } catch (...) {{{$}}
    log_error();
  }
}

// Handlers of classes that are not bases of a cancellation exception.
lazy_task<> unrelated_handlers() {
  try {
    co_await fetch();
  } catch (const std::runtime_error &error) {
    log_error(error);
  } catch (const std::logic_error &error) {
    log_error(error);
  }
}
