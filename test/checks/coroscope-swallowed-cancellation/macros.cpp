// RUN: %check_clang_tidy %s coroscope-swallowed-cancellation %t -- -- -I%S/../Inputs -isystem %S/../Inputs/system

#include "cancellation.h"
#include "minimal_tasks.h"
#include <exception>

using namespace demo;

lazy_task<int> fetch();
void log_error();

// A handler the project's own macro writes is reported at the macro's use,
// without a fix-it: the macro may be used where the rewrite is wrong.
#define IGNORE_ERRORS                                                          \
  catch (...) {                                                                \
    log_error();                                                               \
  }

lazy_task<> through_macro() {
  try {
    co_await fetch();
  } IGNORE_ERRORS
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation ('coroscope::cancelled') and lets the coroutine go on
}

// Macros inside the handler do not change what it does.
#define LOG_AND_RETHROW                                                        \
  log_error();                                                                 \
  throw

lazy_task<> rethrow_in_macro() {
  try {
    co_await fetch();
  } catch (...) {
    LOG_AND_RETHROW;
  }
}

#define RETURN_QUIETLY co_return

lazy_task<> return_in_macro() {
  try {
    co_await fetch();
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation ('coroscope::cancelled') and lets the coroutine go on
  // CHECK-FIXES: {{^}}  } catch (const coroscope::cancelled&) { throw; } catch (...) {{{$}}
    RETURN_QUIETLY;
  }
}
