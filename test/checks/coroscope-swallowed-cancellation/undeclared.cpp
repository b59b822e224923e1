// RUN: %check_clang_tidy %s coroscope-swallowed-cancellation %t -- -- -I%S/../Inputs

// No cancellation exception is declared here, but cancellation may still be
// thrown from another translation unit: a catch-all catches it whatever it
// is. Nothing names it, so there is no fix-it.

#include "minimal_tasks.h"
#include <exception>

using namespace demo;

lazy_task<int> fetch();
void log_error();

lazy_task<> catch_all() {
  try {
    co_await fetch();
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation and lets the coroutine go on without rethrowing it; it keeps running after it was cancelled, and its caller never sees the cancellation [coroscope-swallowed-cancellation]
    log_error();
  }
}

lazy_task<> typed_handler() {
  try {
    co_await fetch();
  } catch (const std::exception &) {
    log_error();
  }
}
