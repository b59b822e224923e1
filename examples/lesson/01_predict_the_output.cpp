// "Before reading any explanation, predict the output of this program."
//
// Both resources are released in reverse acquisition order, even though an
// exception was raised: LIFO cleanup, extended to coroutines. The exception
// then escapes main, and the program ends as the lesson's does, with
// "Traceback: ValueError: boom" (on stderr) and exit status 1.
#include "lesson.hpp"

#include <coroscope/async_context.hpp>
#include <coroscope/scope.hpp>

#include <cstdio>
#include <string>

using coroscope::async_context;
using coroscope::async_with;
using coroscope::task;

async_context<std::string> resource(std::string name) {
  std::printf("%s: acquire\n", name.c_str());
  co_yield name; // what follows runs however the body ends: the `finally`
  std::printf("%s: release\n", name.c_str());
}

// async with resource("A") as a, resource("B") as b:
task<void> amain() {
  co_await async_with(resource("A"), [](std::string& a) -> task<void> {
    co_await async_with(resource("B"), [&a](std::string& b) -> task<void> {
      std::printf("Using %s and %s\n", a.c_str(), b.c_str());
      throw lesson::value_error("boom");
    });
  });
}

int main() { return lesson::run(amain()); }
