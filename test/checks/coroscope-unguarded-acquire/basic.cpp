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
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'lock' leaks if an exception or cancellation leaves before 'unlock'; hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with' [coroscope-unguarded-acquire]
  co_await query();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: cancellation or an exception at this suspension point skips 'unlock'
  mutex.unlock();
}

// A semaphore: acquire and release without a value.
task<void> semaphore(demo::manual_semaphore &slots) {
  co_await slots.acquire();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'acquire' leaks if an exception or cancellation leaves before 'release'
  co_await query();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: cancellation or an exception at this suspension point skips 'release'
  slots.release();
}

// Not only in coroutines: a call that may throw between lock and unlock.
void plain_mutex(std::mutex &mutex, std::vector<std::string> &lines,
                 const std::string &line) {
  mutex.lock();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the resource acquired by 'lock' leaks if an exception or cancellation leaves before 'unlock'
  lines.push_back(line);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: an exception thrown here skips 'unlock'
  mutex.unlock();
}

void shared_lock(std::shared_mutex &mutex, const std::string &text) {
  mutex.lock_shared();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the resource acquired by 'lock_shared' leaks if an exception or cancellation leaves before 'unlock_shared'
  parse(text);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: an exception thrown here skips 'unlock_shared'
  mutex.unlock_shared();
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
  pool.release(h);
}

// Assigned rather than declared, through a pointer to the pool.
task<void> assigned(handle_pool *pool) {
  handle h;
  h = co_await pool->acquire();
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: the resource acquired by 'acquire' leaks
  co_await query();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: cancellation or an exception at this suspension point skips 'release'
  (*pool).release(h);
}

// Free functions: the resource is the first argument.
struct device {};
void lock(device &d);
void unlock(device &d) noexcept;
void configure(device &d);
void free_functions(device &d) {
  lock(d);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the resource acquired by 'lock' leaks
  configure(d);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: an exception thrown here skips 'unlock'
  unlock(d);
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
    this->mutex_.unlock();
  }
  task<void> own_lock() {
    co_await lock();
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: the resource acquired by 'lock' leaks
    co_await query();
    // CHECK-NOTES: :[[@LINE-1]]:5: note: cancellation or an exception at this suspension point skips 'unlock'
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
  } catch (...) {
    slots.release();
    throw;
  }
  slots.release();
}

// A helper whose body throws, one whose body cannot be seen, and a virtual
// call, which may reach an override.
inline int checked(int value) {
  if (value < 0)
    throw std::string("negative");
  return value;
}
int external(int value);
struct sink {
  virtual void put(int value) {}
};
void helpers(std::mutex &mutex, sink &out, int value) {
  mutex.lock();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the resource acquired by 'lock' leaks
  int kept = checked(value);
  // CHECK-NOTES: :[[@LINE-1]]:14: note: an exception thrown here skips 'unlock'
  mutex.unlock();
  mutex.lock();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the resource acquired by 'lock' leaks
  kept += external(value);
  // CHECK-NOTES: :[[@LINE-1]]:11: note: an exception thrown here skips 'unlock'
  mutex.unlock();
  mutex.lock();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the resource acquired by 'lock' leaks
  out.put(kept);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: an exception thrown here skips 'unlock'
  mutex.unlock();
}
