// RUN: %check_clang_tidy -expect-clang-tidy-error %s coroscope-swallowed-cancellation %t -- -- -I%S/../Inputs
// Half-typed code, as clangd sees it while the user types: an error in one
// function leaves every other function analyzed as if it were not there. A
// function whose own body holds errors is skipped, even where the parser
// dropped the half-typed statement without a trace.

#include "cancellation.h"
#include "minimal_tasks.h"
#include <exception>

using namespace demo;

lazy_task<int> fetch();
lazy_task<> close_connection();
void log_error();

lazy_task<> before_the_error() {
  try {
    co_await fetch();
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation ('coroscope::cancelled') and lets the coroutine go on without rethrowing it; it keeps running after it was cancelled, and its caller never sees the cancellation [coroscope-swallowed-cancellation]
    log_error();
  }
}

void being_typed() {
  connect_to_database();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: error: use of undeclared identifier 'connect_to_database' [clang-diagnostic-error]
}

// The rethrow is being typed: the parser drops `if (ep`, and the function
// would seem to fall off its end holding the exception.
lazy_task<> rethrow_being_typed() {
  std::exception_ptr ep;
  try {
    co_await fetch();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await close_connection();
  if (ep
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: error: expected ')' [clang-diagnostic-error]
// CHECK-MESSAGES: :[[@LINE-2]]:1: error: expected statement [clang-diagnostic-error]

lazy_task<> after_the_error() {
  try {
    co_await fetch();
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation ('coroscope::cancelled') and lets the coroutine go on without rethrowing it; it keeps running after it was cancelled, and its caller never sees the cancellation [coroscope-swallowed-cancellation]
    log_error();
  }
  co_await close_connection();
}
