// RUN: %check_clang_tidy %s coroscope-unawaited-awaitable %t -- -- -I%S/../Inputs -isystem %S/../Inputs/system

#include "minimal_tasks.h"
#include "system_macros.h"

using namespace demo;

lazy_task<> close_connection();

#define CLOSE_AND_LOG(call) call
#define CLOSE_ALWAYS() close_connection()

lazy_task<> macros() {
  // Written by the user as a macro argument: reported at the argument, but
  // not fixed, as the macro may use its argument more than once.
  CLOSE_AND_LOG(close_connection());
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: result of 'close_connection' is a lazy task
  // CHECK-FIXES: {{^}}  CLOSE_AND_LOG(close_connection());{{$}}

  // Inside the body of a macro the user defined: reported at the expansion.
  CLOSE_ALWAYS();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'close_connection' is a lazy task
  // CHECK-FIXES: {{^}}  CLOSE_ALWAYS();{{$}}

  // Inside the body of a macro from a system header: nothing the user can
  // edit, not reported.
  SYSTEM_DISCARD(close_connection);
  co_return;
}
