// RUN: %check_clang_tidy -expect-clang-tidy-error %s coroscope-unawaited-awaitable %t -- -- -I%S/../Inputs
// Half-typed code, as clangd sees it while the user types: an error in one
// function leaves every other function analyzed as if it were not there.
// The check reads single statements, so only those that hold errors are
// skipped.

#include "minimal_tasks.h"

using namespace demo;

lazy_task<> close_connection();

lazy_task<> before_the_error() {
  close_connection();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'close_connection' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  co_return;
}

void being_typed() {
  connect_to_database();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: error: use of undeclared identifier 'connect_to_database' [clang-diagnostic-error]
}

lazy_task<> half_typed() {
  close_connection(undeclared_argument);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: error: use of undeclared identifier 'undeclared_argument' [clang-diagnostic-error]
  close_connection();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'close_connection' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  co_return;
}

lazy_task<> after_the_error() {
  close_connection();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'close_connection' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  co_return;
}
