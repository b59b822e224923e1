// RUN: %check_clang_tidy %s coroscope-unguarded-acquire %t -- -- -I%S/../Inputs

#include "coroscope_scopes_stub.h"
#include "manual_locks.h"

#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

using coroscope::task;

task<void> query();
void parse(const std::string &text);

// An async lock held across a suspension point.
task<void> async_lock(demo::manual_mutex &mutex) {
  co_await mutex.lock();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'lock' leaks if an exception or cancellation leaves before 'unlock' [coroscope-unguarded-acquire]
  co_await query();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: cancellation or an exception at this suspension point skips 'unlock'
  // CHECK-NOTES: :[[@LINE-4]]:12: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  mutex.unlock();
}

// A semaphore: acquire and release without a value.
task<void> semaphore(demo::manual_semaphore &slots) {
  co_await slots.acquire();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'acquire' leaks if an exception or cancellation leaves before 'release'
  co_await query();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: cancellation or an exception at this suspension point skips 'release'
  // CHECK-NOTES: :[[@LINE-4]]:12: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  slots.release();
}

// The resource is the value acquire() returned, released by passing it.
struct handle {
  int fd;
};
struct handle_pool {
  task<handle> acquire();
  void release(handle h) noexcept;
};
task<void> released_by_value(handle_pool &pool) {
  handle h = co_await pool.acquire();
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: the resource acquired by 'acquire' leaks
  co_await query();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: cancellation or an exception at this suspension point skips 'release'
  // CHECK-NOTES: :[[@LINE-4]]:23: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  pool.release(h);
}

// Assigned rather than declared, through a pointer to the pool.
task<void> assigned(handle_pool *pool) {
  handle h;
  h = co_await pool->acquire();
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: the resource acquired by 'acquire' leaks
  co_await query();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: cancellation or an exception at this suspension point skips 'release'
  // CHECK-NOTES: :[[@LINE-4]]:16: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  (*pool).release(h);
}

// Members of this object, called without 'this->'.
class session {
  demo::manual_mutex mutex_;
  task<void> lock();
  void unlock() noexcept;

public:
  task<void> member_lock() {
    co_await mutex_.lock();
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: the resource acquired by 'lock' leaks
    co_await query();
    // CHECK-NOTES: :[[@LINE-1]]:5: note: cancellation or an exception at this suspension point skips 'unlock'
    // CHECK-NOTES: :[[@LINE-4]]:14: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
    this->mutex_.unlock();
  }
  task<void> own_lock() {
    co_await lock();
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: the resource acquired by 'lock' leaks
    co_await query();
    // CHECK-NOTES: :[[@LINE-1]]:5: note: cancellation or an exception at this suspension point skips 'unlock'
    // CHECK-NOTES: :[[@LINE-4]]:14: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
    unlock();
  }
};

// A suspension point that cannot throw: no handler runs if the coroutine is
// destroyed there, so only an RAII guard helps.
struct quiet_awaiter {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};
quiet_awaiter yield_now() noexcept;
task<void> destroyed_while_suspended(demo::manual_semaphore &slots) {
  co_await slots.acquire();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'acquire' leaks
  try {
    co_await yield_now();
    // CHECK-NOTES: :[[@LINE-1]]:5: note: destroying the coroutine while it is suspended here skips 'release'
    // CHECK-NOTES: :[[@LINE-5]]:12: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  } catch (...) {
    slots.release();
    throw;
  }
  slots.release();
}
