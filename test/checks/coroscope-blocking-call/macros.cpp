// RUN: %check_clang_tidy %s coroscope-blocking-call %t -- -- -I%S/../Inputs -isystem %S/../Inputs/system

#include "coroscope_runtime_stub.h"
#include "system_macros.h"

#include <unistd.h>

#define RETRY_SLEEP() sleep(1)
#define LOGGED(call) call

coroscope::task<> macros() {
  // Inside the body of a macro the project defines: reported at its use.
  RETRY_SLEEP();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'sleep' in a coroutine
  // Written as a macro argument: reported at the argument.
  LOGGED(usleep(10));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: blocking call to 'usleep' in a coroutine
  // Produced by a system header's macro: nothing the user can edit.
  SYSTEM_BLOCK();
  co_return;
}
