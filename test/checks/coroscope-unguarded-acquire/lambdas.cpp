// RUN: %check_clang_tidy %s coroscope-unguarded-acquire %t -- -- -I%S/../Inputs

#include "coroscope_scopes_stub.h"
#include "manual_locks.h"

using coroscope::task;

task<void> query();

// A coroutine lambda is a function of its own.
task<void> in_lambda(demo::manual_semaphore &slots) {
  auto guarded = [&slots]() -> task<void> {
    co_await slots.acquire();
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: the resource acquired by 'acquire' leaks
    co_await query();
    // CHECK-NOTES: :[[@LINE-1]]:5: note: cancellation or an exception at this suspension point skips 'release'
    // CHECK-NOTES: :[[@LINE-4]]:14: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
    slots.release();
  };
  co_await guarded();
}

// Fine: acquired here, released in a lambda that runs elsewhere: not a pair
// in one function.
task<void> released_by_callback(demo::manual_semaphore &slots,
                                coroscope::exit_stack &stack) {
  co_await slots.acquire();
  stack.push_callback([&slots] { slots.release(); });
  co_await query();
}

// A lambda defined between acquire and release is not run there.
task<void> lambda_between(demo::manual_mutex &mutex) {
  co_await mutex.lock();
  auto later = []() -> task<void> { co_await query(); };
  mutex.unlock();
  co_await later();
}
