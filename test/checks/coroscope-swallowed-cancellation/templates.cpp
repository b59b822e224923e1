// RUN: %check_clang_tidy %s coroscope-swallowed-cancellation %t -- -- -I%S/../Inputs

// Templates are analyzed in their instantiations and reported once, at the
// handler as written.

#include "cancellation.h"
#include "minimal_tasks.h"
#include <exception>

using namespace demo;

lazy_task<int> fetch();
void log_error();

template <typename T> lazy_task<> swallows(T value) {
  try {
    co_await fetch();
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation ('coroscope::cancelled') and lets the coroutine go on
  // CHECK-FIXES: {{^}}  } catch (const coroscope::cancelled&) { throw; } catch (...) {{{$}}
    log_error();
  }
}

// Whether the handler catches cancellation depends on the argument: only the
// instantiation with coroscope::cancelled is a finding.
template <typename Error> lazy_task<> handles() {
  try {
    co_await fetch();
  } catch (const Error &) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'coroscope::cancelled' lets the coroutine go on without rethrowing the cancellation
    log_error();
  }
}

// A dependent call that turns out to be [[noreturn]].
struct fatal {
  [[noreturn]] static void report();
};
struct lenient {
  static void report();
};
template <typename Policy> lazy_task<> reports() {
  try {
    co_await fetch();
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation ('coroscope::cancelled') and lets the coroutine go on
  // CHECK-FIXES: {{^}}  } catch (const coroscope::cancelled&) { throw; } catch (...) {{{$}}
    Policy::report();
  }
}

// Never instantiated: nothing to report.
template <typename T> lazy_task<> unused() {
  try {
    co_await fetch();
  } catch (...) {
  }
}

lazy_task<> instantiate() {
  co_await swallows(1);
  co_await swallows(2.0);
  co_await handles<coroscope::cancelled>();
  co_await handles<int>();
  co_await reports<fatal>();
  co_await reports<lenient>();
}

// The handler's type is named as declared, not through the alias or trait
// that spells it.
template <typename T> struct remove_const_of {
  using type = T;
};
template <typename E> lazy_task<> expects() {
  try {
    co_await fetch();
  } catch (const typename remove_const_of<E>::type &) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'coroscope::cancelled' lets the coroutine go on without rethrowing the cancellation
  }
}
lazy_task<> instantiate_expects() { co_await expects<coroscope::cancelled>(); }
