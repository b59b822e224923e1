// RUN: %check_clang_tidy %s coroscope-blocking-call %t -- -- -I%S/../Inputs

#include "coroscope_runtime_stub.h"

#include <mutex>
#include <shared_mutex>

using namespace std::chrono_literals;

std::mutex counters_mutex;
std::shared_mutex table_mutex;
int counter;

// A guard around a short critical section that does not suspend: another
// thread holds the mutex for as short a time, so the wait is negligible and
// cannot deadlock. Not reported.
coroscope::task<> short_section() {
  {
    std::lock_guard<std::mutex> guard(counters_mutex);
    ++counter;
  }
  co_await coroscope::sleep_for(1ms);
  std::scoped_lock both(counters_mutex);
  ++counter;
}

// Held across a suspension point: whoever locks the mutex next waits for a
// whole suspension, blocking its thread, and a coroutine on the same thread
// never lets this one resume to unlock: deadlock.
coroscope::task<> held_across_await() {
  std::lock_guard<std::mutex> guard(counters_mutex);
  // CHECK-NOTES: :[[@LINE-1]]:31: warning: lock 'guard' is held across a suspension point; a coroutine that locks the mutex meanwhile blocks the event loop thread, and deadlocks if it runs on the same thread [coroscope-blocking-call]
  ++counter;
  co_await coroscope::sleep_for(1ms);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: suspends here with the mutex held
  // CHECK-NOTES: :[[@LINE-5]]:31: note: lock a 'coroscope::async_mutex' with 'co_await' instead
}

coroscope::task<int> nested_suspension(bool refresh) {
  std::unique_lock lock(counters_mutex);
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: lock 'lock' is held across a suspension point
  if (refresh) {
    int value = co_await coroscope::task<int>();
    // CHECK-NOTES: :[[@LINE-1]]:17: note: suspends here with the mutex held
    // CHECK-NOTES: :[[@LINE-5]]:20: note: lock a 'coroscope::async_mutex' with 'co_await' instead
    co_return value;
  }
  co_return counter;
}

coroscope::task<> shared_lock() {
  std::shared_lock reading(table_mutex);
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: lock 'reading' is held across a suspension point
  co_await coroscope::sleep_for(1ms);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: suspends here with the mutex held
  // CHECK-NOTES: :[[@LINE-4]]:20: note: lock a 'coroscope::async_mutex' with 'co_await' instead
}

coroscope::task<> scoped_lock_in_a_loop(int n) {
  for (int i = 0; i < n; ++i) {
    auto writing = std::scoped_lock(counters_mutex, table_mutex);
    // CHECK-NOTES: :[[@LINE-1]]:10: warning: lock 'writing' is held across a suspension point
    co_await coroscope::sleep_for(1ms);
    // CHECK-NOTES: :[[@LINE-1]]:5: note: suspends here with the mutex held
    // CHECK-NOTES: :[[@LINE-4]]:10: note: lock a 'coroscope::async_mutex' with 'co_await' instead
  }
}

void hand_over(std::unique_lock<std::mutex> lock);

// Unlocked before suspending, never locked, or handed away: not reported.
coroscope::task<> released_first() {
  std::unique_lock lock(counters_mutex);
  ++counter;
  lock.unlock();
  co_await coroscope::sleep_for(1ms);
  std::unique_lock deferred(counters_mutex, std::defer_lock);
  co_await coroscope::sleep_for(1ms);
  std::unique_lock moved(counters_mutex);
  hand_over(std::move(moved));
  co_await coroscope::sleep_for(1ms);
}

// Handed away by std::forward, which moves like std::move.
coroscope::task<> forwarded_away() {
  std::unique_lock lock(counters_mutex);
  hand_over(std::forward<std::unique_lock<std::mutex>>(lock));
  co_await coroscope::sleep_for(1ms);
}

// Locked again after an unlock, then suspended: the lock() call blocks, and
// the lock is then held across the suspension.
coroscope::task<> relocked() {
  std::unique_lock lock(counters_mutex);
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: lock 'lock' is held across a suspension point
  // CHECK-NOTES: :[[@LINE+8]]:3: note: suspends here with the mutex held
  // CHECK-NOTES: :[[@LINE-3]]:20: note: lock a 'coroscope::async_mutex' with 'co_await' instead
  // CHECK-NOTES: :[[@LINE+4]]:3: warning: blocking call to 'std::unique_lock::lock' in a coroutine
  // CHECK-NOTES: :[[@LINE+3]]:3: note: lock a 'coroscope::async_mutex' with 'co_await' instead
  lock.unlock();
  co_await coroscope::sleep_for(1ms);
  lock.lock();
  ++counter;
  co_await coroscope::sleep_for(1ms);
}

// The runtime's own mutex: its guard may be held across suspension points.
coroscope::task<> async_mutex_guard(coroscope::async_mutex &mutex) {
  auto guard = co_await mutex.lock();
  co_await coroscope::sleep_for(1ms);
}
