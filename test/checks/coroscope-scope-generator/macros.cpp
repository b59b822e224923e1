// RUN: %check_clang_tidy %s coroscope-scope-generator %t -- -- -I%S/../Inputs -isystem %S/../Inputs/system

#include "coroscope_runtime_stub.h"
#include "system_macros.h"

using coroscope::async_context;

#define PROVIDE(value) co_yield value

async_context<int> from_macro() {
  PROVIDE(1);
  PROVIDE(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: second 'co_yield' on a path through scope generator 'from_macro'
}

// Written by a system header's macro: not the user's to edit.
async_context<int> from_system_macro() {
  co_yield 1;
  SYSTEM_YIELD(2);
}
