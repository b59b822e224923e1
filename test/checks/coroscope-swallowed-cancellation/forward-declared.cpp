// RUN: %check_clang_tidy %s coroscope-swallowed-cancellation %t -- -- -I%S/../Inputs

// A task header may only declare the cancellation exception and define it
// later; a catch-all still catches it, but a handler of a class that is not
// complete where the handler is would not compile, so there is no fix-it.

#include "minimal_tasks.h"

namespace coroscope {
class cancelled;
} // namespace coroscope

using namespace demo;

lazy_task<int> fetch();
void log_error();

lazy_task<> catch_all() {
  try {
    co_await fetch();
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation ('coroscope::cancelled') and lets the coroutine go on
    log_error();
  }
}

namespace coroscope {
class cancelled {};
} // namespace coroscope
