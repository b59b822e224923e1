// RUN: %check_clang_tidy %s coroscope-reused-scope %t -- -- -I%S/../Inputs

#include "coroscope_scopes_stub.h"

using coroscope::task;

task<int> compute();
coroscope::async_context<int> resource(const char *name);
task<void> body(int &);

// A coroutine lambda is a function of its own.
task<void> in_lambda() {
  auto twice = [](task<int> t) -> task<void> {
    co_await t;
    co_await t;
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: 't' is awaited after it was awaited
    // CHECK-NOTES: :[[@LINE-3]]:14: note: 't' was awaited here
  };
  co_await twice(compute());
}

// A captured object, awaited twice inside the lambda.
task<void> captured() {
  auto cm = resource("A");
  auto enter_twice = [&cm]() -> task<void> {
    co_await coroscope::async_with(cm, body);
    co_await coroscope::async_with(cm, body);
    // CHECK-NOTES: :[[@LINE-1]]:36: warning: 'cm' is entered by 'async_with' after it was entered by 'async_with'
    // CHECK-NOTES: :[[@LINE-3]]:36: note: 'cm' was entered by 'async_with' here
  };
  co_await enter_twice();
}

// Fine: the lambda's use and the function's use are in different functions
// (whether the lambda runs, and when, is not followed).
task<void> split_between_functions() {
  task<int> t = compute();
  auto later = [&t]() -> task<void> { co_await t; };
  co_await t;
  co_await later();
}

// Fine: the body lambda enters a new context each time it is called.
task<void> body_makes_new_context() {
  auto each = [](const char *name) -> task<void> {
    auto cm = resource(name);
    co_await coroscope::async_with(cm, body);
  };
  co_await each("A");
  co_await each("B");
}
