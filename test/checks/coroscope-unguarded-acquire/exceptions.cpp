// RUN: %check_clang_tidy %s coroscope-unguarded-acquire %t -- -- -I%S/../Inputs

#include "coroscope_scopes_stub.h"
#include "manual_locks.h"

#include <exception>
#include <stdexcept>

using coroscope::task;

task<void> query();
void log_failure() noexcept;
void report(const char *what);

struct handle {
  int fd;
};
struct handle_pool {
  task<handle> acquire();
  task<void> release(handle h);
  void release_now(handle h) noexcept;
};

// Released in a catch-all handler that rethrows, and after it.
task<void> release_and_rethrow(demo::manual_semaphore &slots) {
  co_await slots.acquire();
  try {
    co_await query();
  } catch (...) {
    slots.release();
    throw;
  }
  slots.release();
}

// The async release cannot be in the handler: keep the exception, release,
// rethrow. Both the error path and the normal path release.
task<void> keep_release_rethrow(handle_pool &pool) {
  handle h = co_await pool.acquire();
  std::exception_ptr error;
  try {
    co_await query();
  } catch (...) {
    error = std::current_exception();
  }
  co_await pool.release(h);
  if (error)
    std::rethrow_exception(error);
}

// The same with the release only on the error branch and on success.
task<void> release_on_each_branch(handle_pool &pool) {
  handle h = co_await pool.acquire();
  std::exception_ptr error;
  try {
    co_await query();
  } catch (...) {
    error = std::current_exception();
  }
  if (error) {
    co_await pool.release(h);
    std::rethrow_exception(error);
  }
  co_await pool.release(h);
}

// Swallowed and released afterwards.
task<void> swallowed(demo::manual_semaphore &slots) {
  co_await slots.acquire();
  try {
    co_await query();
  } catch (...) {
    log_failure();
  }
  slots.release();
}

// A handler that only catches std::exception lets cancellation through:
// coroscope::cancelled is deliberately not a std::exception.
task<void> typed_handler(demo::manual_semaphore &slots) {
  co_await slots.acquire();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'acquire' leaks if an exception or cancellation leaves before 'release'
  try {
    co_await query();
    // CHECK-NOTES: :[[@LINE-1]]:5: note: cancellation or an exception at this suspension point skips 'release'
    // CHECK-NOTES: :[[@LINE-5]]:12: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  } catch (const std::exception &) {
    slots.release();
    throw;
  }
  slots.release();
}

// The handler rethrows before it releases.
task<void> rethrows_first(handle_pool &pool) {
  handle h = co_await pool.acquire();
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: the resource acquired by 'acquire' leaks
  std::exception_ptr error;
  try {
    co_await query();
    // CHECK-NOTES: :[[@LINE-1]]:5: note: cancellation or an exception at this suspension point skips 'release'
    // CHECK-NOTES: :[[@LINE-6]]:23: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  } catch (...) {
    error = std::current_exception();
  }
  if (error)
    std::rethrow_exception(error);
  co_await pool.release(h);
}

// One of two handlers does not release.
task<void> one_handler_forgets(demo::manual_semaphore &slots) {
  co_await slots.acquire();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'acquire' leaks
  try {
    co_await query();
  } catch (const std::runtime_error &) {
    throw;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: this throw skips 'release'
    // CHECK-NOTES: :[[@LINE-7]]:12: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  } catch (...) {
    slots.release();
    throw;
  }
  slots.release();
}

// Code in the handler that may throw, before the release.
task<void> handler_throws(handle_pool &pool) {
  handle h = co_await pool.acquire();
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: the resource acquired by 'acquire' leaks
  std::exception_ptr error;
  try {
    co_await query();
  } catch (...) {
    report("query failed");
    // CHECK-NOTES: :[[@LINE-1]]:5: note: an exception thrown here skips 'release'
    // CHECK-NOTES: :[[@LINE-8]]:23: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
    error = std::current_exception();
  }
  co_await pool.release(h);
  if (error)
    std::rethrow_exception(error);
}

// Nested: the inner handler catches only some, the outer one the rest.
task<void> nested(demo::manual_semaphore &slots) {
  co_await slots.acquire();
  try {
    try {
      co_await query();
    } catch (const std::runtime_error &) {
      slots.release();
      throw;
    }
  } catch (...) {
    slots.release();
    throw;
  }
  slots.release();
}
