// RUN: %check_clang_tidy %s coroscope-masking-cleanup %t -- -- -I%S/../Inputs

#include "minimal_tasks.h"
#include <exception>
#include <stdexcept>

using namespace demo;

struct resource {
  lazy_task<> close();
  void rollback();
  void release() noexcept;
};
lazy_task<> use(resource &);
void note_failure();
bool is_fatal(const std::exception &);

// Mistake 3 in C++. `co_await` is not allowed in a handler, so the async
// cleanup runs between the capture and the rethrow; if close() fails, its
// exception is rethrown instead of the body's (Python: "the original
// exception is LOST").
lazy_task<> lossy_resource(resource *r) {
  std::exception_ptr ep;
  try {
    co_await use(*r);
  } catch (...) {
    ep = std::current_exception();
  }
  co_await r->close();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown; if it throws, its exception replaces the original one, which is lost [coroscope-masking-cleanup]
  if (ep)
    std::rethrow_exception(ep);
}

// The lesson's safe_resource: the cleanup has its own handler.
lazy_task<> safe_resource(resource *r) {
  std::exception_ptr ep;
  try {
    co_await use(*r);
  } catch (...) {
    ep = std::current_exception();
  }
  try {
    co_await r->close();
  } catch (const std::exception &) {
    note_failure();
  }
  if (ep)
    std::rethrow_exception(ep);
}

// Practice question 2: cleanup after the body raises its own error, and the
// caller sees "cleanup failed" instead of "body failed".
lazy_task<> faulty(resource &r) {
  std::exception_ptr ep;
  try {
    co_await use(r);
  } catch (...) {
    ep = std::current_exception();
  }
  throw std::runtime_error("cleanup failed");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'throw' replaces the exception held in 'ep' before it is rethrown; the original exception is lost [coroscope-masking-cleanup]
  if (ep)
    std::rethrow_exception(ep);
}

// Synchronous cleanup in a handler that ends in `throw;`.
void handler_cleanup(resource &r) {
  try {
    r.release();
  } catch (...) {
    r.rollback();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'rollback' may throw while the caught exception waits to be rethrown; if it throws, its exception replaces the original one, which is lost [coroscope-masking-cleanup]
    r.release();
    throw;
  }
}

// Deciding whether to rethrow may throw as well.
void decides(resource &r) {
  try {
    r.rollback();
  } catch (const std::exception &error) {
    if (is_fatal(error))
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: call to 'is_fatal' may throw while the caught exception waits to be rethrown
      throw;
  }
}

// Work in the handler before the capture is on the exceptional path too.
lazy_task<> before_capture(resource &r) {
  std::exception_ptr ep;
  try {
    co_await use(r);
  } catch (...) {
    note_failure();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'note_failure' may throw while the caught exception waits to be rethrown
    ep = std::current_exception();
  }
  if (ep)
    std::rethrow_exception(ep);
}

// A destructor that may throw, although destructors run during unwinding.
struct transaction {
  resource *r;
  ~transaction() noexcept(false) {
    r->rollback();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'rollback' may throw in a destructor declared 'noexcept(false)'; if it throws while the destructor runs during unwinding, 'std::terminate' is called [coroscope-masking-cleanup]
  }
};

// The same with a scheduler whose awaiter may throw.
struct throwing_scheduler {
  struct schedule_operation {
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>);
    void await_resume() const noexcept {}
  };
  schedule_operation schedule() noexcept;
};
lazy_task<> resume_on(throwing_scheduler &s, lazy_task<> work) {
  std::exception_ptr ex;
  try {
    co_await work;
  } catch (...) {
    ex = std::current_exception();
  }
  co_await s.schedule();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_await' may throw while the exception held in 'ex' waits to be rethrown
  if (ex)
    std::rethrow_exception(ex);
}
