// RUN: %check_clang_tidy -expect-clang-tidy-error %s coroscope-unguarded-acquire %t -- -- -I%S/../Inputs
// Half-typed code, as clangd sees it while the user types: an error in one
// function leaves every other function analyzed as if it were not there. A
// function whose own body holds errors is skipped, even where the parser
// dropped the half-typed statement without a trace.

#include "coroscope_scopes_stub.h"
#include "manual_locks.h"

using coroscope::task;

task<void> query();
bool ready();
void read_shared() noexcept;
void write_shared() noexcept;

task<void> before_the_error(demo::manual_mutex &mutex) {
  co_await mutex.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the resource acquired by 'lock' leaks if an exception or cancellation leaves before 'unlock' [coroscope-unguarded-acquire]
  co_await query();
  mutex.unlock();
}

void being_typed() {
  connect_to_database();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: error: use of undeclared identifier 'connect_to_database' [clang-diagnostic-error]
}

// The release before the await is being typed: the parser drops it with
// the `if` around it, and the first lock would seem held across the await.
task<void> release_being_typed(demo::manual_mutex &mutex) {
  co_await mutex.lock();
  read_shared();
  if (ready(
  mutex.unlock();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: error: expected ')' [clang-diagnostic-error]
  co_await query();
  co_await mutex.lock();
  write_shared();
  mutex.unlock();
}

task<void> after_the_error(demo::manual_mutex &mutex) {
  co_await mutex.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the resource acquired by 'lock' leaks if an exception or cancellation leaves before 'unlock' [coroscope-unguarded-acquire]
  co_await query();
  mutex.unlock();
}
