// RUN: %check_clang_tidy %s coroscope-blocking-call %t -- \
// RUN:   -config="{CheckOptions: {coroscope-blocking-call.BlockingFunctions: \
// RUN:     'legacy::wait;read('}}" -- -I%S/../Inputs
// An entry that is not a regular expression is reported, and the others
// still apply.

// CHECK-MESSAGES: warning: invalid regular expression 'read(' in option 'coroscope-blocking-call.BlockingFunctions': parentheses not balanced [clang-tidy-config]

#include "minimal_tasks.h"

namespace legacy {
void wait();
}

demo::eager_task poll() {
  legacy::wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: {{.*}}legacy::wait
  co_return;
}
