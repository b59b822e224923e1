// RUN: %check_clang_tidy %s coroscope-unguarded-acquire %t -- \
// RUN:   -config="{CheckOptions: {coroscope-unguarded-acquire.AcquireReleasePairs: 'try_lock:unlock'}}" \
// RUN:   -- -I%S/../Inputs
// An acquire that may fail holds the resource only on the branch where it
// succeeded: the other branch may suspend, throw or loop back to try again.

#include "coroscope_scopes_stub.h"

struct spin_mutex {
  bool try_lock() noexcept;
  void unlock() noexcept;
};

coroscope::task<void> yield_now();
coroscope::task<void> work();

coroscope::task<void> retry_until_locked(spin_mutex &m) {
  while (!m.try_lock())
    co_await yield_now();
  m.unlock();
}

coroscope::task<void> give_up_when_busy(spin_mutex &m) {
  if (!m.try_lock()) {
    co_await yield_now();
    co_return;
  }
  m.unlock();
}

coroscope::task<void> either_branch(spin_mutex &m) {
  if (m.try_lock())
    m.unlock();
  else
    co_await yield_now();
}

// Reported: the branch where it succeeded suspends before the release.
coroscope::task<void> suspends_while_held(spin_mutex &m) {
  while (!m.try_lock())
    co_await yield_now();
  // CHECK-MESSAGES: :[[@LINE-2]]:11: warning: the resource acquired by 'try_lock' leaks if an exception or cancellation leaves before 'unlock' [coroscope-unguarded-acquire]
  co_await work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: cancellation or an exception at this suspension point skips 'unlock'
  m.unlock();
}

coroscope::task<void> held_in_the_branch(spin_mutex &m) {
  if (m.try_lock()) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the resource acquired by 'try_lock' leaks if an exception or cancellation leaves before 'unlock' [coroscope-unguarded-acquire]
    co_await work();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: cancellation or an exception at this suspension point skips 'unlock'
    m.unlock();
  }
}
