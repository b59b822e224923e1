// Practice question 1: what does this print? Context managers nest in LIFO
// order: inner enters after outer, and exits before outer.
#include "lesson.hpp"

#include <coroscope/async_context.hpp>
#include <coroscope/scope.hpp>

#include <cstdio>
#include <string>

using coroscope::async_context;
using coroscope::async_with;
using coroscope::task;

async_context<> ctx(std::string name) {
  std::printf("%s enter\n", name.c_str());
  co_yield {}; // a bare `yield`: the body gets nothing
  std::printf("%s exit\n", name.c_str());
}

task<void> amain() {
  co_await async_with(ctx("outer"), []() -> task<void> {
    co_await async_with(ctx("inner"), []() -> task<void> {
      std::puts("body");
      co_return;
    });
  });
}

int main() { return lesson::run(amain()); }
