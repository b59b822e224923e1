// Reusable vs. single-use: each call of the generator function creates a
// new async_context, which is single-use.
#include "lesson.hpp"

#include <coroscope/async_context.hpp>
#include <coroscope/scope.hpp>

#include <cstdio>
#include <string>

using coroscope::async_context;
using coroscope::async_with;
using coroscope::task;

async_context<std::string> temp_resource() {
  std::puts("setup");
  co_yield std::string("resource");
  std::puts("teardown");
}

task<void> print(const std::string& resource) {
  std::puts(resource.c_str());
  co_return;
}

task<void> amain() {
  // Each call creates a new context manager -- this is fine.
  co_await async_with(temp_resource(), print);
  co_await async_with(temp_resource(), print);

  // But reusing the same instance would fail:
  //   auto cm = temp_resource();
  //   co_await async_with(cm, print);
  //   co_await async_with(cm, print);  // std::logic_error: ... (already used)
  // examples/mistakes/reused_scope.cpp does it; coroscope-reused-scope flags it.
}

int main() { return lesson::run(amain()); }
