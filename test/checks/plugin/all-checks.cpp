// RUN: %check_clang_tidy %s 'coroscope-*' %t -- -- -I%S/../Inputs
// Every check enabled at once: the checks share one function index, which
// hands each function to every check that reads whole functions, and one
// flow per function. Each mistake below is reported by its own check, in a
// unit and in functions where the other checks find theirs.

#include "coroscope_scopes_stub.h"
#include "manual_locks.h"

#include <exception>
#include <unistd.h>

using coroscope::task;

task<int> compute();
task<void> query();
struct resource {
  task<void> close();
};
coroscope::async_context<resource> open_resource();

// Four mistakes in one coroutine, each another check's.
task<void> everything_wrong(demo::manual_mutex &mutex, resource &r) {
  query();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'query' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await query();{{$}}
  co_await mutex.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the resource acquired by 'lock' leaks if an exception or cancellation leaves before 'unlock' [coroscope-unguarded-acquire]
  ::sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'sleep' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  task<int> t = compute();
  co_await t;
  co_await t;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 't' is awaited after it was awaited; a lazy task runs only once, so using it again throws 'std::logic_error' [coroscope-reused-scope]
  mutex.unlock();
  std::exception_ptr ep;
  try {
    co_await query();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await r.close();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown; if it throws, its exception replaces the original one, which is lost [coroscope-masking-cleanup]
  if (ep)
    std::rethrow_exception(ep);
}

// A scope generator that may end without yielding, and a handler that
// swallows cancellation, next to each other.
coroscope::async_context<resource> no_yield(bool ready) {
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: scope generator 'no_yield' can finish without 'co_yield'; entering it then throws 'std::logic_error' instead of providing its resource [coroscope-scope-generator]
  static resource shared;
  if (ready)
    co_yield shared;
}

task<void> swallow() {
  try {
    co_await query();
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation ('coroscope::cancelled') and lets the coroutine go on without rethrowing it; it keeps running after it was cancelled, and its caller never sees the cancellation [coroscope-swallowed-cancellation]
  }
}

// A task awaited twice in a lambda, a function of its own for the index.
void in_lambda() {
  auto body = [](resource &r) -> task<void> {
    task<int> t = compute();
    co_await t;
    co_await t;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 't' is awaited after it was awaited; a lazy task runs only once, so using it again throws 'std::logic_error' [coroscope-reused-scope]
  };
  (void)body;
}
