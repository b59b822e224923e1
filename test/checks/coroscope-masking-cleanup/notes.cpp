// RUN: %check_clang_tidy %s coroscope-masking-cleanup %t -- -- -I%S/../Inputs

// The warning is at the operation, a note at the rethrow it comes before,
// and a note naming what does this right (in the terms of the coroutine
// library the code uses; here none is known).

#include "minimal_tasks.h"
#include <exception>

using namespace demo;

struct connection {
  lazy_task<> close();
  void rollback();
};
lazy_task<> query(connection &);

lazy_task<> capture_idiom(connection &c) {
  std::exception_ptr ep;
  try {
    co_await query(c);
  } catch (...) {
    ep = std::current_exception();
  }
  co_await c.close();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown; if it throws, its exception replaces the original one, which is lost [coroscope-masking-cleanup]
  // CHECK-NOTES: :[[@LINE+3]]:5: note: the original exception is rethrown here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: guard the cleanup with its own handler, so that the original exception is the one rethrown
  if (ep)
    std::rethrow_exception(ep);
}

void handler_ends_in_throw(connection &c) {
  try {
    c.rollback();
  } catch (...) {
    c.rollback();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: call to 'rollback' may throw while the caught exception waits to be rethrown
    // CHECK-NOTES: :[[@LINE+2]]:5: note: the original exception is rethrown here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: guard the cleanup
    throw;
  }
}

struct guard {
  connection *c;
  ~guard() noexcept(false) {
    c->rollback();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: call to 'rollback' may throw in a destructor declared 'noexcept(false)'; if it throws while the destructor runs during unwinding, 'std::terminate' is called
    // CHECK-NOTES: :[[@LINE-2]]:5: note: guard the cleanup with its own handler, so that the original exception is the one rethrown
  }
};
