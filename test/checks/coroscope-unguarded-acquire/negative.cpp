// RUN: %check_clang_tidy %s coroscope-unguarded-acquire %t -- -- -I%S/../Inputs
// Every resource here is released on every path: no diagnostic at all.

#include "coroscope_scopes_stub.h"
#include "manual_locks.h"

#include <iostream>
#include <mutex>
#include <string>
#include <vector>

using coroscope::task;

task<void> query();
void parse(const std::string &text);

// The acquired object releases itself: coroscope's pool lease, lock guard and
// semaphore permit.
struct connection {
  int id;
};
task<void> leases(coroscope::pool<connection> &pool,
                  coroscope::async_mutex &mutex,
                  coroscope::async_semaphore &slots) {
  auto conn = co_await pool.acquire();
  co_await query();
  auto guard = co_await mutex.lock();
  co_await query();
  auto permit = co_await slots.acquire();
  co_await query();
  permit.release();
}

// An RAII guard takes over right after the acquire.
void adopted(std::mutex &mutex, std::vector<std::string> &lines) {
  mutex.lock();
  std::lock_guard<std::mutex> guard(mutex, std::adopt_lock);
  lines.push_back("guarded");
}

// A scope guard whose lambda releases.
template <typename F> class scope_exit {
public:
  explicit scope_exit(F f) : f_(f) {}
  ~scope_exit() { f_(); }

private:
  F f_;
};
task<void> scope_guard(demo::manual_semaphore &slots) {
  co_await slots.acquire();
  scope_exit release_slot([&] { slots.release(); });
  co_await query();
}

// Locking through an RAII object: its destructor unlocks.
task<void> through_unique_lock(std::mutex &mutex, const std::string &text) {
  std::unique_lock<std::mutex> lock(mutex, std::defer_lock);
  lock.lock();
  parse(text);
  lock.unlock();
  co_return;
}

// The same through a lock the caller owns: its destructor unlocks when the
// exception reaches the caller. (Reduced from a thread pool's wait loop.)
bool wait_for_work(std::unique_lock<std::mutex> &lock, std::vector<int> &queue,
                   const std::string &text) {
  lock.unlock();
  parse(text);
  lock.lock();
  parse(text);
  lock.unlock();
  return queue.empty();
}

// A helper that was never marked noexcept, but whose body cannot throw: its
// body decides. (Reduced from a semaphore's waiter list.)
struct waiter {
  waiter *next;
};
template <typename T> T *pop_front(T *&list) {
  T *first = list;
  if (first)
    list = first->next;
  return first;
}
task<void> helper_cannot_throw(demo::manual_mutex &mutex, waiter *&waiters,
                               int &counter) {
  co_await mutex.lock();
  waiter *next = pop_front(waiters);
  if (!next)
    ++counter;
  mutex.unlock();
}

// Nothing between acquire and release can throw or suspend.
void nothing_between(std::mutex &mutex, int &counter) {
  mutex.lock();
  ++counter;
  mutex.unlock();
}

// No release in this function: the resource is handed on, and its owner
// releases it elsewhere.
struct handle {
  int fd;
};
struct handle_pool {
  task<handle> acquire();
  void release(handle h) noexcept;
};
task<handle> handed_on(handle_pool &pool) {
  handle h = co_await pool.acquire();
  co_await query();
  co_return h;
}

// Acquire from one object, release another: not a pair.
void different_objects(std::mutex &a, std::mutex &b, const std::string &text) {
  a.lock();
  parse(text);
  b.unlock();
}

// A suspension point before the acquire, or after the release.
task<void> outside(demo::manual_mutex &mutex) {
  co_await query();
  co_await mutex.lock();
  mutex.unlock();
  co_await query();
}

// A path from which no release follows keeps the resource on purpose.
task<void> kept_on_one_path(demo::manual_mutex &mutex, bool keep) {
  co_await mutex.lock();
  if (keep) {
    co_await query();
    co_return;
  }
  mutex.unlock();
}

// Whatever acquire() does when it fails, nothing is held yet.
task<void> failing_acquire(handle_pool &pool) {
  handle h = co_await pool.acquire();
  pool.release(h);
}

// A standard stream's << and >> report failure in the stream's state: they
// throw only where exceptions() asked for it.
task<void> logs_under_lock(demo::manual_mutex &mutex, int value) {
  co_await mutex.lock();
  std::cerr << "value " << value << '\n' << std::flush;
  std::cin >> value;
  mutex.unlock();
}
