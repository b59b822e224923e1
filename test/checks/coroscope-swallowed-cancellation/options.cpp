// RUN: %check_clang_tidy -check-suffix=DEFAULT %s coroscope-swallowed-cancellation %t -- -- -I%S/../Inputs
// RUN: %check_clang_tidy -check-suffix=CUSTOM %s coroscope-swallowed-cancellation %t -- \
// RUN:   -config="{CheckOptions: {coroscope-swallowed-cancellation.CancellationExceptions: 'net::operation_aborted;net::.*_cancelled', \
// RUN:     coroscope-swallowed-cancellation.CheckNonCoroutines: true}}" \
// RUN:   -- -I%S/../Inputs

#include "cancellation.h"
#include "minimal_tasks.h"
#include <stdexcept>

using namespace demo;

namespace net {
struct operation_aborted : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct read_cancelled : std::runtime_error {
  using std::runtime_error::runtime_error;
};
} // namespace net

lazy_task<int> fetch();
void log_error();
void read_sync();

lazy_task<> runtime_error_handler() {
  try {
    co_await fetch();
  } catch (const std::runtime_error &) {
  // CHECK-MESSAGES-CUSTOM: :[[@LINE-1]]:5: warning: handler of 'std::runtime_error' catches cancellation ('net::operation_aborted') and lets the coroutine go on
  // CHECK-FIXES-CUSTOM: {{^}}  } catch (const net::operation_aborted&) { throw; } catch (const net::read_cancelled&) { throw; } catch (const std::runtime_error &) {{{$}}
  // CHECK-FIXES-DEFAULT: {{^}}  } catch (const std::runtime_error &) {{{$}}
    log_error();
  }
}

// A user list replaces the default: coroscope::cancelled is no longer one.
lazy_task<> coroscope_handler() {
  try {
    co_await fetch();
  } catch (const coroscope::cancelled &) {
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:5: warning: handler of 'coroscope::cancelled' lets the coroutine go on
    log_error();
  }
}

// CheckNonCoroutines: a plain function may see cancellation that a call
// reports by throwing.
void plain_function() {
  try {
    read_sync();
  } catch (...) {
  // CHECK-MESSAGES-CUSTOM: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation ('net::operation_aborted') and lets the function go on without rethrowing it
  // CHECK-FIXES-CUSTOM: {{^}}  } catch (const net::operation_aborted&) { throw; } catch (const net::read_cancelled&) { throw; } catch (...) {{{$}}
  // CHECK-FIXES-DEFAULT: {{^}}  } catch (...) {{{$}}
    log_error();
  }
}

int plain_function_returns() {
  try {
    read_sync();
  } catch (const net::read_cancelled &) {
  // CHECK-MESSAGES-CUSTOM: :[[@LINE-1]]:5: warning: handler of 'net::read_cancelled' lets the function go on without rethrowing the cancellation
    return -1;
  }
  return 0;
}
