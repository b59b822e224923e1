// RUN: %check_clang_tidy -expect-clang-tidy-error %s coroscope-reused-scope %t -- -- -I%S/../Inputs
// When the unit has an error, a function whose body has text no statement
// accounts for is taken to hold a statement the parser dropped, and is
// skipped. Text the parser never meant to be a statement does not count:
// preprocessor lines, the text they skip, empty macros, attributes,
// comments and empty statements.

#include "coroscope_scopes_stub.h"

#define TRACE(what)
#define NOTHING

using coroscope::task;

task<int> compute();

void being_typed() {
  connect_to_database();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: error: use of undeclared identifier 'connect_to_database' [clang-diagnostic-error]
}

task<void> with_preprocessor_lines() {
  task<int> t = compute();
#if 0
  this text is skipped, if (half typed
#elif defined(NOT_DEFINED)
  t = compute(
#else
  co_await t;
#endif
#pragma once
  TRACE("awaiting again");
  NOTHING;
  ;;
  /* a comment; if ( */
  // another one {
  [[maybe_unused]] int unused = 0;
  co_await t;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 't' is awaited after it was awaited; a lazy task runs only once, so using it again throws 'std::logic_error' [coroscope-reused-scope]
}
