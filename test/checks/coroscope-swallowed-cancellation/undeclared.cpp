// RUN: %check_clang_tidy %s coroscope-swallowed-cancellation %t -- -- -I%S/../Inputs

// No cancellation exception is declared here: the coroutine library in use
// does not report cancellation by a known exception (or the option does not
// list its type yet), so nothing a handler catches is taken for cancellation.

#include "minimal_tasks.h"
#include <exception>

using namespace demo;

lazy_task<int> fetch();
void log_error();

lazy_task<> catch_all() {
  try {
    co_await fetch();
  } catch (...) {
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
