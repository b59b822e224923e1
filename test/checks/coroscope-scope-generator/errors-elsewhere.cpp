// RUN: %check_clang_tidy -expect-clang-tidy-error %s coroscope-scope-generator %t -- -- -I%S/../Inputs
// Half-typed code, as clangd sees it while the user types: an error in one
// function leaves every other function analyzed as if it were not there. A
// function whose own body holds errors is skipped, even where the parser
// dropped the half-typed statement without a trace.

#include "coroscope_runtime_stub.h"

using coroscope::async_context;

bool primary();
coroscope::task<> prepare();

async_context<int> before_the_error() {
  // CHECK-MESSAGES: :[[@LINE+2]]:3: warning: second 'co_yield' on a path through scope generator 'before_the_error' throws 'std::logic_error' at run time; a scope generator yields exactly once [coroscope-scope-generator]
  co_yield 1;
  co_yield 2;
}

void being_typed() {
  connect_to_database();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: error: use of undeclared identifier 'connect_to_database' [clang-diagnostic-error]
}

// The branch that yields is being typed: the parser drops it, and what is
// left would seem to finish without a co_yield.
async_context<int> yield_being_typed() {
  co_await prepare();
  if (primary(
    co_yield 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: error: expected ')' [clang-diagnostic-error]
}

async_context<int> after_the_error() {
  // CHECK-MESSAGES: :[[@LINE+2]]:3: warning: second 'co_yield' on a path through scope generator 'after_the_error' throws 'std::logic_error' at run time; a scope generator yields exactly once [coroscope-scope-generator]
  co_yield 1;
  co_yield 2;
}
