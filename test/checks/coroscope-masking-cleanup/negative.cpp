// RUN: %check_clang_tidy %s coroscope-masking-cleanup %t -- -- -I%S/../Inputs

#include "minimal_tasks.h"
#include <cstdio>
#include <exception>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <string>

using namespace demo;

struct resource {
  lazy_task<> close();
  void rollback();
  void release() noexcept;
};
lazy_task<> use(resource &);
void note_failure();
bool should_retry() noexcept;

// Nothing that may throw runs before the rethrow.
lazy_task<> nothing_in_between(resource &r) {
  std::exception_ptr ep;
  try {
    co_await use(r);
  } catch (...) {
    ep = std::current_exception();
  }
  r.release();
  if (ep)
    std::rethrow_exception(ep);
}

// Cleanup that runs only when there is nothing to rethrow.
lazy_task<> cleanup_on_success_only(resource &r) {
  std::exception_ptr ep;
  try {
    co_await use(r);
  } catch (...) {
    ep = std::current_exception();
  }
  if (!ep) {
    co_await r.close();
    co_return;
  }
  r.release();
  std::rethrow_exception(ep);
}

// After the rethrow, or on paths that never rethrow, there is no original
// exception to lose.
lazy_task<> after_rethrow(resource &r) {
  try {
    co_await use(r);
  } catch (...) {
    if (should_retry())
      throw;
    note_failure();
  }
  co_await r.close();
}

// Logging and formatting in a handler before `throw;` (IgnoredFunctions),
// C functions, and calls declared noexcept.
void logs_then_rethrows(resource &r) {
  try {
    r.rollback();
  } catch (const std::exception &error) {
    std::cerr << "rollback failed: " << error.what() << '\n';
    std::string message = "rollback failed: " + std::string(error.what());
    std::fprintf(stderr, "%s\n", message.c_str());
    std::puts(error.what());
    r.release();
    throw;
  }
}

// A guarded cleanup in a handler.
void guarded_cleanup(resource &r) {
  try {
    r.release();
  } catch (...) {
    try {
      r.rollback();
    } catch (...) {
    }
    throw;
  }
}

// Another exception replaces the caught one on purpose: translation.
void translates(resource &r) {
  try {
    r.rollback();
  } catch (const std::exception &error) {
    note_failure();
    throw std::runtime_error(error.what());
  }
}

// async_exit: coroscope::async_with and exit_stack keep the body's exception
// whatever async_exit throws (contract 2).
struct managed {
  resource *r;
  lazy_task<> async_exit(std::exception_ptr error) {
    std::exception_ptr ep;
    try {
      co_await use(*r);
    } catch (...) {
      ep = std::current_exception();
    }
    co_await r->close();
    if (ep)
      std::rethrow_exception(ep);
  }
};

// Destructors that cannot throw, or that check for unwinding.
struct quiet_guard {
  resource *r;
  ~quiet_guard() { r->rollback(); }
};
struct careful_transaction {
  resource *r;
  int uncaught = std::uncaught_exceptions();
  ~careful_transaction() noexcept(false) {
    if (std::uncaught_exceptions() > uncaught)
      r->release();
    else
      r->rollback();
  }
};
struct guarded_transaction {
  resource *r;
  ~guarded_transaction() noexcept(false) {
    try {
      r->rollback();
    } catch (...) {
    }
  }
};

// The exception is handed on, not rethrown here.
struct promise {
  std::exception_ptr error;
  void unhandled(resource &r) {
    try {
      r.rollback();
    } catch (...) {
      note_failure();
      error = std::current_exception();
    }
  }
};

// Taking and releasing a standard lock in cleanup (IgnoredFunctions).
struct shared_state {
  std::mutex mutex;
  bool locked = true;
  void release_on_error(resource &r) {
    try {
      r.rollback();
    } catch (...) {
      std::unique_lock<std::mutex> lock(mutex);
      locked = false;
      lock.unlock();
      {
        std::lock_guard<std::mutex> guard(mutex);
        mutex.unlock();
        mutex.lock();
      }
      throw;
    }
  }
};

// Resuming on a scheduler whose awaiter cannot throw, between capture and
// rethrow (as libraries' resume_on does): nothing can replace the exception.
struct scheduler {
  struct schedule_operation {
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) noexcept {}
    void await_resume() const noexcept {}
  };
  schedule_operation schedule() noexcept;
};
lazy_task<> resume_on(scheduler &s, lazy_task<> work) {
  std::exception_ptr ex;
  try {
    co_await work;
  } catch (...) {
    ex = std::current_exception();
  }
  co_await s.schedule();
  if (ex)
    std::rethrow_exception(ex);
}

// Destroying a coroutine frame on error runs destructors only.
void start(std::coroutine_handle<> frame) {
  try {
    note_failure();
  } catch (...) {
    frame.destroy();
    throw;
  }
}

// An awaiter that hands back the outcome instead of throwing it (Seastar's
// `coroutine::as_future`): its calls are judged by their bodies, since
// libraries seldom declare them `noexcept`. One that rethrows is reported.
struct outcome {
  std::exception_ptr error;
};
struct as_outcome {
  outcome result;
  bool await_ready() { return true; }
  void await_suspend(std::coroutine_handle<>) {}
  outcome await_resume() { return result; }
};
void rethrow_if_failed(const outcome &);
struct throwing_outcome {
  outcome result;
  bool await_ready() { return true; }
  void await_suspend(std::coroutine_handle<>) {}
  outcome await_resume() {
    rethrow_if_failed(result);
    return result;
  }
};

lazy_task<> awaits_an_outcome(resource &r) {
  std::exception_ptr ep;
  try {
    co_await use(r);
  } catch (...) {
    ep = std::current_exception();
  }
  outcome flushed = co_await as_outcome{};
  (void)flushed;
  if (ep)
    std::rethrow_exception(ep);
}

lazy_task<> awaits_a_throwing_outcome(resource &r) {
  std::exception_ptr ep;
  try {
    co_await use(r);
  } catch (...) {
    ep = std::current_exception();
  }
  outcome flushed = co_await throwing_outcome{};
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown; if it throws, its exception replaces the original one, which is lost [coroscope-masking-cleanup]
  // CHECK-NOTES: :[[@LINE+4]]:5: note: the original exception is rethrown here
  // CHECK-NOTES: :[[@LINE-3]]:21: note: guard the cleanup with its own handler, so that the original exception is the one rethrown
  (void)flushed;
  if (ep)
    std::rethrow_exception(ep);
}
