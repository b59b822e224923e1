// RUN: %check_clang_tidy %s coroscope-unawaited-awaitable %t -- -- -I%S/../Inputs

// Which function a discarded value belongs to decides whether it is reported
// and whether `co_await` can be offered: the checks learn it from the
// MatchFinder's walk, not from the translation unit's parent map.

#include "minimal_tasks.h"

using namespace demo;

lazy_task<> close_connection();
timer_awaiter wait_a_bit();

// A local class's member function is a plain function of its own, even inside
// a coroutine: a task is reported without a fix-it, another awaitable not.
lazy_task<> local_class_in_coroutine() {
  struct closer {
    void close() {
      close_connection();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: result of 'close_connection' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
      // CHECK-FIXES: {{^}}      close_connection();{{$}}
      wait_a_bit();
    }
  };
  closer{}.close();
  wait_a_bit();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'wait_a_bit' is an awaitable that is discarded without being awaited; the operation is never awaited and its result and exception are lost [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  wait_a_bit();{{$}}
  co_return;
}

// A coroutine lambda inside a plain lambda inside a plain function: only the
// innermost is a coroutine.
void nested_lambdas() {
  auto outer = [] {
    auto inner = []() -> lazy_task<> {
      wait_a_bit();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: result of 'wait_a_bit' is an awaitable
      // CHECK-FIXES: {{^}}      wait_a_bit();{{$}}
      co_return;
    };
    wait_a_bit();
    return inner;
  };
  outer();
}

// The left operand of a comma in a constructor's member initializer is
// discarded in the constructor, a plain function.
int ignore(int);
struct connection_owner {
  int state;
  connection_owner() : state((close_connection(), 0)) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: result of 'close_connection' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
};

// A GNU statement expression gives the value of its last statement.
lazy_task<> statement_expression() {
  co_await ({ close_connection(); });
}

// A local awaited in a lambda that captures it by reference is awaited.
lazy_task<> awaited_by_capturing_lambda() {
  auto pending = wait_a_bit();
  auto later = [&]() -> lazy_task<> { co_await pending; };
  co_await later();
}

// A local that is only inspected is never awaited.
lazy_task<> only_inspected() {
  auto pending = close_connection();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'pending' holds a lazy task that is never awaited, returned or passed on; its body never runs [coroscope-unawaited-awaitable]
  if (pending.await_ready())
    co_return;
}

// Initializers that belong to no function's statements: a default member
// initializer, a namespace-scope variable, a default argument. A task is
// dropped work wherever it is dropped; nothing here could await it.
struct default_member {
  int state = (close_connection(), 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: result of 'close_connection' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
};
int namespace_scope = (close_connection(), 0);
// CHECK-MESSAGES: :[[@LINE-1]]:24: warning: result of 'close_connection' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
void default_argument(int state = (close_connection(), 0));
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: result of 'close_connection' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
namespace nested {
template <typename T> struct in_template {
  static inline int count = (close_connection(), 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: result of 'close_connection' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
};
} // namespace nested
// An awaitable that is not a task is reported only where it could have been
// awaited or in a destructor.
int not_a_task = (wait_a_bit(), 0);
