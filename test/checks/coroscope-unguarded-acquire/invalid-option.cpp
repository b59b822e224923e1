// RUN: %check_clang_tidy %s coroscope-unguarded-acquire %t -- \
// RUN:   -config="{CheckOptions: {coroscope-unguarded-acquire.AcquireReleasePairs: \
// RUN:     'take;lock:unlock'}}" -- -I%S/../Inputs
// An entry without a release is reported, and the others still apply.

#include "coroscope_scopes_stub.h"
#include "manual_locks.h"

// CHECK-MESSAGES: warning: invalid entry 'take' in option 'AcquireReleasePairs' of 'coroscope-unguarded-acquire': expected 'acquire:release' [clang-tidy-config]

coroscope::task<void> query();

coroscope::task<void> lock_twice(demo::manual_mutex &mutex) {
  co_await mutex.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the resource acquired by 'lock' leaks
  co_await query();
  mutex.unlock();
}
