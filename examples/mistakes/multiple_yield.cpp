// The lesson's multiple-yield example: a scope generator must yield exactly
// once.
//
//   @asynccontextmanager
//   async def broken():
//       yield 1
//       yield 2  # RuntimeError: generator didn't stop
//
//   async def main():
//       async with broken() as v:
//           print(v)
//
// coroscope-scope-generator flags the second co_yield: when the body of
// async_with finishes, the generator resumes, reaches it, and the runtime
// throws std::logic_error ("yielded more than once") instead of finishing.
#include <coroscope/async_context.hpp>
#include <coroscope/scope.hpp>
#include <coroscope/task.hpp>

#include <iostream>

namespace lesson {

coroscope::async_context<int> broken() {
  co_yield 1;
  co_yield 2; // BUG(coroscope-scope-generator): a second co_yield; std::logic_error at run time
}

coroscope::task<void> main_task() {
  co_await coroscope::async_with(broken(), [](int v) -> coroscope::task<void> {
    std::cout << v << '\n';
    co_return;
  });
}

} // namespace lesson
