// RUN: %check_clang_tidy %s coroscope-unguarded-acquire %t -- -- -I%S/../Inputs

#include "coroscope_scopes_stub.h"
#include "manual_locks.h"

using coroscope::task;

task<void> query();

#define LOCKED(mutex, ...)                                                     \
  co_await (mutex).lock();                                                     \
  __VA_ARGS__;                                                                 \
  (mutex).unlock()
#define ACQUIRE(semaphore) co_await semaphore.acquire()

// The acquire is written as a macro argument: reported there.
task<void> argument(demo::manual_semaphore &slots) {
  ACQUIRE(slots);
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: the resource acquired by 'acquire' leaks
  co_await query();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: cancellation or an exception at this suspension point skips 'release'
  // CHECK-NOTES: :[[@LINE-4]]:11: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  slots.release();
}

// The acquire is in the body of a macro the user wrote: reported at its use.
task<void> body(demo::manual_mutex &mutex) {
  LOCKED(mutex, co_await query());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the resource acquired by 'lock' leaks
  // CHECK-NOTES: :{{[0-9]+}}:12: note: expanded from macro 'LOCKED'
  // CHECK-NOTES: :[[@LINE-3]]:17: note: cancellation or an exception at this suspension point skips 'unlock'
  // CHECK-NOTES: :[[@LINE-4]]:3: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  // CHECK-NOTES: :{{[0-9]+}}:12: note: expanded from macro 'LOCKED'
}
