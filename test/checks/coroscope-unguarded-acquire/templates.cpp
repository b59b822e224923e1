// RUN: %check_clang_tidy %s coroscope-unguarded-acquire %t -- -- -I%S/../Inputs

#include "coroscope_scopes_stub.h"
#include "manual_locks.h"

using coroscope::task;

task<void> query();

struct handle {
  int fd;
};
struct raw_pool {
  task<handle> acquire();
  void release(handle h) noexcept;
};
struct leasing_pool {
  struct lease {
    lease(lease &&) noexcept;
    ~lease();
  };
  task<lease> acquire();
  void release(lease &l) noexcept;
};

// Dependent: a leak only where acquire() hands out a raw handle; reported
// once, here.
template <typename Pool> task<void> use(Pool &pool) {
  auto h = co_await pool.acquire();
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: the resource acquired by 'acquire' leaks
  co_await query();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: cancellation or an exception at this suspension point skips 'release'
  // CHECK-NOTES: :[[@LINE-4]]:21: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  pool.release(h);
}

task<void> instantiate(raw_pool &raw, leasing_pool &leasing) {
  co_await use(raw);
  co_await use(leasing);
}

// Not dependent: the same in every instantiation, reported once.
template <typename T> task<T> fixed(demo::manual_mutex &mutex, T value) {
  co_await mutex.lock();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'lock' leaks
  co_await query();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: cancellation or an exception at this suspension point skips 'unlock'
  // CHECK-NOTES: :[[@LINE-4]]:12: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  mutex.unlock();
  co_return value;
}

task<void> instantiate_fixed(demo::manual_mutex &mutex) {
  co_await fixed(mutex, 1);
  co_await fixed(mutex, 2.0);
}

// Only instantiated with a leasing pool: nothing to report.
template <typename Pool> task<void> only_leasing(Pool &pool) {
  auto l = co_await pool.acquire();
  co_await query();
  pool.release(l);
}
task<void> instantiate_leasing(leasing_pool &pool) { co_await only_leasing(pool); }

// In the pattern a call on a dependent member could be anything; in every
// instantiation it cannot throw: judged per instantiation, nothing to report.
// (Reduced from a ring buffer's notify functions.)
struct waiter {
  waiter *next;
};
struct atomic_waiter_list {
  waiter *exchange(waiter *w) noexcept;
};
struct spin_lock {
  std::suspend_never lock() noexcept;
  void unlock() noexcept;
};
template <typename WaiterList> struct ring_buffer {
  spin_lock mutex;
  WaiterList waiters;
  task<void> notify() {
    co_await mutex.lock();
    waiter *all = waiters.exchange(nullptr);
    mutex.unlock();
    (void)all;
  }
};
task<void> instantiate_ring(ring_buffer<atomic_waiter_list> &ring) {
  co_await ring.notify();
}
