// RUN: %check_clang_tidy %s coroscope-unawaited-awaitable %t -- -- -I%S/../Inputs
// An init-statement of an `if`, a `switch` or a range-`for` discards its
// value as a statement does; a task awaitable only through a templated free
// `operator co_await` is a task all the same.

#include "minimal_tasks.h"
#include <coroutine>
#include <vector>

using namespace demo;

lazy_task<> close_connection();
lazy_task<int> count();
std::vector<int> items();

lazy_task<> init_statements(int n) {
  if (close_connection(); n > 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: result of 'close_connection' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
    // CHECK-FIXES: {{^}}  if (co_await close_connection(); n > 0){{$}}
    co_return;
  switch (close_connection(); n) {
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: result of 'close_connection' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
    // CHECK-FIXES: {{^}}  switch (co_await close_connection(); n) {{{$}}
  default:
    break;
  }
  for (close_connection(); int i : items())
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: result of 'close_connection' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
    // CHECK-FIXES: {{^}}  for (co_await close_connection(); int i : items()){{$}}
    (void)i;
}

// Not reported: what the init-statement keeps, or awaits.
lazy_task<> init_statements_used(int n) {
  if (auto pending = count(); n > 0)
    co_await pending;
  switch (co_await count(); n) {
  default:
    break;
  }
  for (auto pending = count(); int i : items())
    (void)i, co_await pending;
}

namespace templated {

template <class T> struct boxed {
  struct promise_type {
    boxed get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

template <class T>
std::suspend_always operator co_await(boxed<T> &&) noexcept {
  return {};
}

boxed<int> make();

lazy_task<> discards_a_boxed_task() {
  make();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'make' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await make();{{$}}
  co_await make();
}

} // namespace templated
