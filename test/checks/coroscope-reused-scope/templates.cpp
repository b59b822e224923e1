// RUN: %check_clang_tidy %s coroscope-reused-scope %t -- -- -I%S/../Inputs

#include "coroscope_scopes_stub.h"
#include "minimal_tasks.h"

using coroscope::task;

task<int> compute();
demo::eager_task spawn();

// Dependent: single-use only in some instantiations; reported once, here.
template <typename Task> task<void> await_twice(Task t) {
  co_await t;
  co_await t;
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 't' is awaited after it was awaited; a lazy task runs only once, so using it again throws 'std::logic_error' [coroscope-reused-scope]
  // CHECK-NOTES: :[[@LINE-3]]:12: note: 't' was awaited here
}

task<void> instantiate() {
  co_await await_twice(compute());
  co_await await_twice(demo::lazy_task<>());
  co_await await_twice(spawn());
}

// Not dependent: the same in every instantiation, reported once.
template <typename T> task<T> fixed_type(T fallback) {
  task<int> t = compute();
  co_await t;
  co_await t;
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 't' is awaited after it was awaited
  // CHECK-NOTES: :[[@LINE-3]]:12: note: 't' was awaited here
  co_return fallback;
}

task<void> instantiate_fixed() {
  co_await fixed_type(1);
  co_await fixed_type(2.0);
}

// A class template's member function.
template <typename Context> struct runner {
  Context cm;
  task<void> run_twice(task<void> (*body)(int &)) {
    Context local = static_cast<Context &&>(cm);
    co_await coroscope::async_with(local, body);
    co_await coroscope::async_with(local, body);
    // CHECK-NOTES: :[[@LINE-1]]:36: warning: 'local' is entered by 'async_with' after it was entered by 'async_with'
    // CHECK-NOTES: :[[@LINE-3]]:36: note: 'local' was entered by 'async_with' here
  }
};

task<void> instantiate_runner(runner<coroscope::async_context<int>> &r) {
  co_await r.run_twice(nullptr);
}

// Only instantiated with a type that may be awaited again: nothing to say.
template <typename Awaitable> task<void> poll_twice(Awaitable a) {
  co_await a;
  co_await a;
}
task<void> instantiate_poll() { co_await poll_twice(demo::timer_awaiter()); }
