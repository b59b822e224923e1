// Multiple yield prevention: "if your generator yields more than once,
// asynccontextmanager raises RuntimeError: generator didn't stop".
//
// The broken generator and its main are examples/mistakes/multiple_yield.cpp,
// where coroscope-scope-generator flags the second co_yield before it ever
// runs. This program runs them: the body prints 1, and when it is done the
// generator reaches its second co_yield, so async_with throws
// std::logic_error (the runtime's misuse error, Python's RuntimeError here).
#include "lesson.hpp"

#include <coroscope/task.hpp>

#include <cstdio>
#include <stdexcept>

namespace lesson {
coroscope::task<void> main_task(); // examples/mistakes/multiple_yield.cpp
} // namespace lesson

coroscope::task<void> amain() {
  try {
    co_await lesson::main_task();
  } catch (const std::logic_error& e) {
    std::printf("logic_error: %s\n", e.what());
  }
}

int main() { return lesson::run(amain()); }
