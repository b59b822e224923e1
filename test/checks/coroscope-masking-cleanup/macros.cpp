// RUN: %check_clang_tidy %s coroscope-masking-cleanup %t -- -- -I%S/../Inputs -isystem %S/../Inputs/system

#include "minimal_tasks.h"
#include <exception>

using namespace demo;

void rollback();
lazy_task<> work();

// Reported at the macro argument the user wrote, or at the use of the
// project's own macro.
#define CLEANUP(call) call
#define ROLLBACK_AND_RETHROW                                                   \
  rollback();                                                                  \
  throw

void through_macros() {
  try {
    rollback();
  } catch (...) {
    CLEANUP(rollback());
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: call to 'rollback' may throw while the caught exception waits to be rethrown
    throw;
  }
  try {
    rollback();
  } catch (...) {
    ROLLBACK_AND_RETHROW;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'rollback' may throw while the caught exception waits to be rethrown
  }
}
