// RUN: %check_clang_tidy -expect-clang-tidy-error %s 'coroscope-*' %t -- -- -I%S/../Inputs
// Half-typed code on the paths of the flow-sensitive checks
// (coroscope-reused-scope, coroscope-unguarded-acquire): candidates whose
// functions hold errors, so no CFG is built and nothing is reported. Only
// the compiler's errors are expected.

#include "coroscope_scopes_stub.h"
#include "manual_locks.h"

using coroscope::task;

task<int> compute();
task<void> query();

// A task awaited twice in a function with a half-typed call.
task<void> reused_with_error() {
  task<int> t = compute();
  co_await t;
  co_await t;
  undeclared(t);
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
}

// A half-typed loop around an await.
task<void> half_typed_loop(int n) {
  task<int> t = compute();
  for (int i = 0; i < n; ++i) {
    co_await t;
    i += missing_step(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  }
}

// A half-typed handler between acquire and release.
task<void> half_typed_handler(demo::manual_semaphore &slots) {
  co_await slots.acquire();
  try {
    co_await query();
  } catch (const unknown_error &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
    slots.release();
  }
  slots.release();
}

// A release whose argument does not exist yet.
struct handle {
  int fd;
};
struct handle_pool {
  task<handle> acquire();
  void release(handle h) noexcept;
};
task<void> half_typed_release(handle_pool &pool) {
  handle h = co_await pool.acquire();
  co_await query();
  pool.release(hh);
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  pool.release(h);
}

// An acquire on an object of unknown type.
task<void> unknown_pool(mystery_pool &pool) {
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  auto h = co_await pool.acquire();
  co_await query();
  pool.release(h);
}

// A goto to a label that does not exist.
task<void> missing_label() {
  task<int> t = compute();
  co_await t;
  goto nowhere;
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
}

// An exit stack closed and entered with a context that does not exist.
task<void> half_typed_stack() {
  coroscope::exit_stack stack;
  co_await stack.aclose();
  co_await stack.enter(no_context);
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
}
