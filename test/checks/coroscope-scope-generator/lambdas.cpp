// RUN: %check_clang_tidy %s coroscope-scope-generator %t -- -- -I%S/../Inputs

#include "coroscope_runtime_stub.h"

#include <functional>

using coroscope::async_context;

// A coroutine lambda returning a scope generator is one.
auto twice = []() -> async_context<int> {
  co_yield 1;
  co_yield 2;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: second 'co_yield' on a path through scope generator lambda
};

// The yields of a lambda defined inside a generator are the lambda's own.
async_context<int> outer() {
  auto inner = []() -> async_context<int> { co_yield 1; };
  co_yield 2;
  std::function<void()> cleanup = [] {};
  cleanup();
}

// A lambda that is not a generator: its code is not the generator's path.
async_context<int> deferred(bool early) {
  auto finish = [early]() -> coroscope::task<> {
    if (early)
      co_return;
  };
  co_yield 1;
  co_await finish();
}
