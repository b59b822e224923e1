// RUN: %check_clang_tidy %s coroscope-reused-scope %t -- -- -I%S/../Inputs

#include "coroscope_scopes_stub.h"

#include <vector>

using coroscope::task;

task<int> compute();
coroscope::async_context<int> resource(const char *name);
task<void> body(int &);

task<void> for_loop(int n) {
  task<int> t = compute();
  for (int i = 0; i < n; ++i)
    co_await t;
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: 't' is awaited after it was awaited in an earlier loop iteration; a lazy task runs only once, so using it again throws 'std::logic_error' [coroscope-reused-scope]
  // CHECK-NOTES: :[[@LINE-2]]:14: note: 't' was awaited here
}

task<void> while_loop(bool again) {
  auto cm = resource("A");
  while (again)
    co_await coroscope::async_with(cm, body);
  // CHECK-NOTES: :[[@LINE-1]]:36: warning: 'cm' is entered by 'async_with' after it was entered by 'async_with' in an earlier loop iteration
  // CHECK-NOTES: :[[@LINE-2]]:36: note: 'cm' was entered by 'async_with' here
}

task<void> do_loop(bool again) {
  task<int> t = compute();
  do {
    co_await t;
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: 't' is awaited after it was awaited in an earlier loop iteration
    // CHECK-NOTES: :[[@LINE-2]]:14: note: 't' was awaited here
  } while (again);
}

task<void> range_for(const std::vector<int> &items) {
  coroscope::exit_stack stack;
  for (int item : items) {
    (void)item;
    co_await stack.aclose();
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'stack' is consumed by 'aclose' after it was consumed by 'aclose' in an earlier loop iteration
    // CHECK-NOTES: :[[@LINE-2]]:14: note: 'stack' was consumed by 'aclose' here
  }
}

// The use that follows in the next iteration may be earlier in the source.
// (Which branch runs is not followed: both orders are reported.)
task<void> earlier_in_source(int n) {
  task<int> t = compute();
  for (int i = 0; i < n; ++i) {
    if (i > 0)
      co_await t;
    // CHECK-NOTES: :[[@LINE-1]]:16: warning: 't' is awaited after it was awaited in an earlier loop iteration
    // CHECK-NOTES: :[[@LINE+2]]:16: note: 't' was awaited here
    if (i == 0)
      co_await t;
    // CHECK-NOTES: :[[@LINE-1]]:16: warning: 't' is awaited after it was awaited;
    // CHECK-NOTES: :[[@LINE-6]]:16: note: 't' was awaited here
  }
}

// A loop made of a label and a goto.
task<void> goto_loop(int n) {
  task<int> t = compute();
again:
  co_await t;
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 't' is awaited after it was awaited in an earlier loop iteration
  // CHECK-NOTES: :[[@LINE-2]]:12: note: 't' was awaited here
  if (--n > 0)
    goto again;
}

// Nested loops: reported once, at the await.
task<void> nested(int n) {
  task<int> t = compute();
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      co_await t;
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: 't' is awaited after it was awaited in an earlier loop iteration
  // CHECK-NOTES: :[[@LINE-2]]:16: note: 't' was awaited here
}

// Fine: a new object each iteration, declared or assigned before the use.
task<void> fresh_each_iteration(int n) {
  for (int i = 0; i < n; ++i) {
    task<int> t = compute();
    co_await t;
  }
  task<int> u = compute();
  for (int i = 0; i < n; ++i) {
    co_await u;
    u = compute();
  }
  auto cm = resource("B");
  for (int i = 0; i < n; ++i) {
    cm = resource("B");
    co_await coroscope::async_with(cm, body);
  }
}

// Fine: the loop ends after the only await.
task<void> leaves_after_use(int n) {
  task<int> t = compute();
  for (int i = 0; i < n; ++i) {
    if (i == 3) {
      co_await t;
      break;
    }
  }
  task<int> u = compute();
  while (true) {
    co_await u;
    co_return;
  }
}

// A loop whose condition is evidently false goes round once: the shape of
// every Boost.Test assertion, `do { ... } while (dummy_cond())`.
inline bool dummy_cond() { return false; }

task<void> assertion_macro_shape() {
  task<int> t = compute();
  do {
    int value = co_await std::move(t);
    (void)value;
  } while (dummy_cond());
}

inline bool forever() { return true; }

task<void> evidently_true_condition() {
  task<int> t = compute();
  do {
    co_await std::move(t);
    // CHECK-NOTES: :[[@LINE-1]]:24: warning: 't' is awaited after it was awaited in an earlier loop iteration; a lazy task runs only once, so using it again throws 'std::logic_error' [coroscope-reused-scope]
    // CHECK-NOTES: :[[@LINE-2]]:24: note: 't' was awaited here
  } while (forever());
}
