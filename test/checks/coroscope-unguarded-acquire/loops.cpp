// RUN: %check_clang_tidy %s coroscope-unguarded-acquire %t -- -- -I%S/../Inputs

#include "coroscope_scopes_stub.h"
#include "manual_locks.h"

#include <vector>

using coroscope::task;

task<void> query(int item);
task<bool> ready();

// Acquired and released in each iteration.
task<void> per_iteration(demo::manual_semaphore &slots,
                         const std::vector<int> &items) {
  for (int item : items) {
    co_await slots.acquire();
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: the resource acquired by 'acquire' leaks
    co_await query(item);
    // CHECK-NOTES: :[[@LINE-1]]:5: note: cancellation or an exception at this suspension point skips 'release'
    // CHECK-NOTES: :[[@LINE-4]]:14: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
    slots.release();
  }
}

// Held across the whole loop.
task<void> across_loop(demo::manual_mutex &mutex, int n) {
  co_await mutex.lock();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'lock' leaks
  for (int i = 0; i < n; ++i)
    co_await query(i);
  // CHECK-NOTES: :[[@LINE-1]]:5: note: cancellation or an exception at this suspension point skips 'unlock'
  // CHECK-NOTES: :[[@LINE-5]]:12: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  mutex.unlock();
}

// Waiting in a loop until released.
task<void> polling(demo::manual_mutex &mutex) {
  co_await mutex.lock();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'lock' leaks
  while (!co_await ready()) {
    // CHECK-NOTES: :[[@LINE-1]]:11: note: cancellation or an exception at this suspension point skips 'unlock'
    // CHECK-NOTES: :[[@LINE-4]]:12: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  }
  mutex.unlock();
}

// Fine: the loop suspends only while nothing is held.
task<void> suspends_outside(demo::manual_mutex &mutex, int n) {
  for (int i = 0; i < n; ++i) {
    co_await query(i);
    co_await mutex.lock();
    mutex.unlock();
  }
}

// Fine: released before leaving the loop early.
task<void> break_releases(demo::manual_semaphore &slots, int n) {
  for (int i = 0; i < n; ++i) {
    co_await slots.acquire();
    if (i == 3) {
      slots.release();
      break;
    }
    slots.release();
    co_await query(i);
  }
}

// Fine: a loop whose condition is evidently false goes round once, the shape
// of Boost.Test's assertions (`BOOST_REQUIRE(m.try_lock())` is
// `do { ...; report(m.try_lock()); } while (dummy_cond())`).
inline bool dummy_cond() { return false; }
void checkpoint();

task<void> assertion_macro_shape(demo::manual_mutex &mutex) {
  do {
    checkpoint();
    co_await mutex.lock();
  } while (dummy_cond());
  mutex.unlock();
  co_await query(0);
}
