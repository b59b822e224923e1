// Practice question 3: an exit_stack enters context managers in
// registration order and exits them in reverse (LIFO).
#include "lesson.hpp"

#include <coroscope/async_context.hpp>
#include <coroscope/exit_stack.hpp>
#include <coroscope/scope.hpp>

#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

using coroscope::async_context;
using coroscope::async_with;
using coroscope::exit_stack;
using coroscope::task;

async_context<int> numbered(int n) {
  std::printf("enter %d\n", n);
  co_yield n;
  std::printf("exit %d\n", n);
}

/// Python's repr of a list of ints.
std::string repr(const std::vector<int>& values) {
  std::string text = "[";
  for (std::size_t i = 0; i < values.size(); ++i)
    text += (i == 0 ? "" : ", ") + std::to_string(values[i]);
  return text + "]";
}

task<void> amain() {
  co_await async_with(exit_stack(), [](exit_stack& stack) -> task<void> {
    std::vector<int> values;
    for (int i = 0; i < 3; ++i) {
      const int v = co_await stack.enter(numbered(i));
      values.push_back(v);
    }
    std::printf("values: %s\n", repr(values).c_str());
  });
}

int main() { return lesson::run(amain()); }
