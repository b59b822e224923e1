// RUN: %check_clang_tidy -check-suffix=DEFAULT %s coroscope-swallowed-cancellation %t -- -- -I%S/../Inputs
// RUN: %check_clang_tidy -check-suffix=LISTED %s coroscope-swallowed-cancellation %t -- \
// RUN:   -config="{CheckOptions: {coroscope-swallowed-cancellation.CancellationExceptions: \
// RUN:     'coroscope::cancelled;folly::OperationCancelled;cppcoro::operation_cancelled'}}" \
// RUN:   -- -I%S/../Inputs

// The classes of the CancellationExceptions option apply wherever the unit
// declares them. A library's own cancellation exception (folly's and
// cppcoro's here, declared as those libraries declare them) applies where
// the code uses that library: these coroutines await tasks of no known
// library, so by default a handler of std::exception swallows nothing here,
// and coroscope::cancelled, not a std::exception, passes it. Listed in the
// option, the library classes apply as coroscope::cancelled does.

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
  // CHECK-MESSAGES-LISTED: :[[@LINE-1]]:5: warning: handler of 'std::exception' catches cancellation ('folly::OperationCancelled') and lets the coroutine go on without rethrowing it; it keeps running after it was cancelled, and its caller never sees the cancellation [coroscope-swallowed-cancellation]
  // CHECK-FIXES-LISTED: {{^}}  } catch (const folly::OperationCancelled&) { throw; } catch (const cppcoro::operation_cancelled&) { throw; } catch (const std::exception &error) {{{$}}
  // CHECK-FIXES-DEFAULT: {{^}}  } catch (const std::exception &error) {{{$}}
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
  // CHECK-MESSAGES-LISTED: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation ('cppcoro::operation_cancelled') and lets the coroutine go on
  // CHECK-FIXES-LISTED: {{^}}  } catch (const cppcoro::operation_cancelled&) { throw; } catch (...) {{{$}}
  // CHECK-FIXES-DEFAULT: {{^}}  } catch (...) {{{$}}
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
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation ('coroscope::cancelled') and lets the coroutine go on
  // CHECK-MESSAGES-LISTED: :[[@LINE-2]]:5: warning: catch-all handler catches cancellation ('coroscope::cancelled') and lets the coroutine go on
  // CHECK-FIXES-DEFAULT: {{^}}  } catch (const coroscope::cancelled&) { throw; } catch (...) {{{$}}
  // CHECK-FIXES-LISTED: {{^}}  } catch (const coroscope::cancelled&) { throw; } catch (...) {{{$}}
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
