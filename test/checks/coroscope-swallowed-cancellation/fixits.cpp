// RUN: %check_clang_tidy %s coroscope-swallowed-cancellation %t -- \
// RUN:   -config="{CheckOptions: {coroscope-swallowed-cancellation.CancellationExceptions: \
// RUN:     'coroscope::cancelled;app::stop_requested'}}" \
// RUN:   -- -I%S/../Inputs
// The rethrowing handler the fix inserts must name a class that resolves
// where it is inserted, and must not make cancellation skip cleanup that the
// handler it precedes performs: where either is not certain, no fix-it.

#include "cancellation.h"
#include "minimal_tasks.h"
#include <exception>

using namespace demo;

lazy_task<int> fetch();
void log_error();

namespace app {
namespace {
// Declared in an anonymous namespace: named as a member of 'app'.
struct stop_requested {};
} // namespace

// A namespace of the same name as the library's inside 'app': the class is
// spelled from the global namespace.
namespace coroscope {
struct settings {};
} // namespace coroscope

lazy_task<> shadowed() {
  try {
    co_await fetch();
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation ('coroscope::cancelled') and lets the coroutine go on
  // CHECK-FIXES: {{^}}  } catch (const ::coroscope::cancelled&) { throw; } catch (const app::stop_requested&) { throw; } catch (...) {{{$}}
    log_error();
  }
}
} // namespace app

struct connection_pool {
  int acquire();
  void release(int handle) noexcept;
};

// The catch-all gives the connection back: a rethrowing handler before it
// would skip that on cancellation, so the remedy is a note.
lazy_task<> releases_in_handler(connection_pool &pool) {
  int handle = pool.acquire();
  try {
    co_await fetch();
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation ('coroscope::cancelled') and lets the coroutine go on
  // CHECK-FIXES: {{^}}  } catch (...) {{{$}}
    pool.release(handle);
  }
  pool.release(handle);
}

// Asking a question is no cleanup: the fix is offered.
bool should_retry();
lazy_task<> asks_in_handler() {
  try {
    co_await fetch();
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation ('coroscope::cancelled') and lets the coroutine go on
  // CHECK-FIXES: {{^}}  } catch (const coroscope::cancelled&) { throw; } catch (const app::stop_requested&) { throw; } catch (...) {{{$}}
    if (should_retry())
      log_error();
  }
}
