// RUN: %check_clang_tidy -expect-clang-tidy-error %s coroscope-reused-scope %t -- -- -I%S/../Inputs
// Half-typed code, as clangd sees it while the user types: an error in one
// function leaves every other function analyzed as if it were not there. A
// function whose own body holds errors is skipped, even where the parser
// dropped the half-typed statement without a trace.

#include "coroscope_scopes_stub.h"

using coroscope::task;

task<int> compute();
bool ready();

task<void> before_the_error() {
  task<int> t = compute();
  co_await t;
  co_await t;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 't' is awaited after it was awaited; a lazy task runs only once, so using it again throws 'std::logic_error' [coroscope-reused-scope]
}

void being_typed() {
  connect_to_database();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: error: use of undeclared identifier 'connect_to_database' [clang-diagnostic-error]
}

// The reassignment between the awaits is being typed: the parser drops it
// with the `if` around it, and what is left awaits the same task twice.
task<void> reassignment_being_typed() {
  task<int> t = compute();
  co_await t;
  if (!ready(
  t = compute();
  // CHECK-MESSAGES: :[[@LINE-1]]:16: error: expected ')' [clang-diagnostic-error]
  co_await t;
}

task<void> after_the_error() {
  task<int> t = compute();
  co_await t;
  co_await t;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 't' is awaited after it was awaited; a lazy task runs only once, so using it again throws 'std::logic_error' [coroscope-reused-scope]
}
