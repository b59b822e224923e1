// RUN: %check_clang_tidy %s coroscope-masking-cleanup %t -- -- -I%S/../Inputs

// Many handlers in one function, whose paths to the rethrow run through the
// same statements: each finding appears once, with the rethrow it comes
// before, whichever handler's path reaches it.

#include "minimal_tasks.h"
#include <exception>

using namespace demo;

struct connection {
  lazy_task<> close();
  void rollback();
};
lazy_task<> query(connection &);

lazy_task<> one_holder(connection &c) {
  std::exception_ptr ep;
  try {
    co_await query(c);
  } catch (...) {
    ep = std::current_exception();
  }
  co_await c.close();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown; if it throws, its exception replaces the original one, which is lost [coroscope-masking-cleanup]
  // CHECK-NOTES: :[[@LINE+23]]:5: note: the original exception is rethrown here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: guard the cleanup with its own handler
  try {
    co_await query(c);
  } catch (...) {
    if (!ep)
      ep = std::current_exception();
  }
  c.rollback();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'rollback' may throw while the exception held in 'ep' waits to be rethrown
  // CHECK-NOTES: :[[@LINE+13]]:5: note: the original exception is rethrown here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: guard the cleanup with its own handler
  try {
    c.rollback();
  } catch (...) {
    if (!ep)
      ep = std::current_exception();
  }
  co_await c.close();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown
  // CHECK-NOTES: :[[@LINE+3]]:5: note: the original exception is rethrown here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: guard the cleanup with its own handler
  if (ep)
    std::rethrow_exception(ep);
}

// The first handler's paths reach both rethrows.
lazy_task<> two_rethrows(connection &c, bool early) {
  std::exception_ptr ep;
  try {
    co_await query(c);
  } catch (...) {
    ep = std::current_exception();
  }
  co_await c.close();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown
  // CHECK-NOTES: :[[@LINE+3]]:5: note: the original exception is rethrown here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: guard the cleanup with its own handler
  if (early && ep)
    std::rethrow_exception(ep);
  try {
    co_await query(c);
  } catch (...) {
    if (!ep)
      ep = std::current_exception();
  }
  c.rollback();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'rollback' may throw while the exception held in 'ep' waits to be rethrown
  // CHECK-NOTES: :[[@LINE+3]]:5: note: the original exception is rethrown here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: guard the cleanup with its own handler
  if (ep)
    std::rethrow_exception(ep);
}

// The second handler's paths hold another exception_ptr.
lazy_task<> two_holders(connection &c) {
  std::exception_ptr first, second;
  try {
    co_await query(c);
  } catch (...) {
    first = std::current_exception();
  }
  co_await c.close();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await' may throw while the exception held in 'first' waits to be rethrown
  // CHECK-NOTES: :[[@LINE+16]]:5: note: the original exception is rethrown here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: guard the cleanup with its own handler
  try {
    co_await query(c);
  } catch (...) {
    second = std::current_exception();
  }
  c.rollback();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'rollback' may throw while the exception held in 'first' waits to be rethrown
  // CHECK-NOTES: :[[@LINE+7]]:5: note: the original exception is rethrown here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: guard the cleanup with its own handler
  if (second)
    std::rethrow_exception(second);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'throw' replaces the exception held in 'first' before it is rethrown; the original exception is lost
  // CHECK-NOTES: :[[@LINE-2]]:5: note: guard the cleanup with its own handler
  if (first)
    std::rethrow_exception(first);
}

// The handler's paths come back into its own try block.
lazy_task<> retried(connection &c, int attempts) {
  std::exception_ptr ep;
  for (int i = 0; i < attempts; ++i) {
    try {
      co_await query(c);
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown
      // CHECK-NOTES: :[[@LINE+11]]:5: note: the original exception is rethrown here
      // CHECK-NOTES: :[[@LINE-3]]:7: note: guard the cleanup with its own handler
    } catch (...) {
      ep = std::current_exception();
    }
    co_await c.close();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown
    // CHECK-NOTES: :[[@LINE+4]]:5: note: the original exception is rethrown here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: guard the cleanup with its own handler
  }
  if (ep)
    std::rethrow_exception(ep);
}

lazy_task<> jumps_back(connection &c, int attempts) {
  std::exception_ptr ep;
again:
  try {
    co_await query(c);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown
    // CHECK-NOTES: :[[@LINE+18]]:5: note: the original exception is rethrown here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: guard the cleanup with its own handler
  } catch (...) {
    ep = std::current_exception();
  }
  c.rollback();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: call to 'rollback' may throw while the exception held in 'ep' waits to be rethrown
  // CHECK-NOTES: :[[@LINE+11]]:5: note: the original exception is rethrown here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: guard the cleanup with its own handler
  if (--attempts > 0)
    goto again;
  try {
    co_await query(c);
  } catch (...) {
    if (!ep)
      ep = std::current_exception();
  }
  if (ep)
    std::rethrow_exception(ep);
}

// What the outer try block runs is guarded for no handler inside it, and
// for every handler outside it.
lazy_task<> inside_outer_try(connection &c) {
  std::exception_ptr ep;
  try {
    try {
      co_await query(c);
    } catch (...) {
      ep = std::current_exception();
    }
    c.rollback();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: call to 'rollback' may throw while the exception held in 'ep' waits to be rethrown
    // CHECK-NOTES: :[[@LINE+25]]:5: note: the original exception is rethrown here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: guard the cleanup with its own handler
    try {
      co_await query(c);
    } catch (...) {
      if (!ep)
        ep = std::current_exception();
    }
    c.rollback();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: call to 'rollback' may throw while the exception held in 'ep' waits to be rethrown
    // CHECK-NOTES: :[[@LINE+15]]:5: note: the original exception is rethrown here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: guard the cleanup with its own handler
  } catch (...) {
  }
  try {
    co_await query(c);
  } catch (...) {
    if (!ep)
      ep = std::current_exception();
  }
  co_await c.close();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown
  // CHECK-NOTES: :[[@LINE+3]]:5: note: the original exception is rethrown here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: guard the cleanup with its own handler
  if (ep)
    std::rethrow_exception(ep);
}
