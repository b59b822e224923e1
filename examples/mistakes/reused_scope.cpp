// Single-use context managers, from the lesson's "Reusable vs. Single-Use":
//
//   cm = temp_resource()
//   async with cm as r:
//       pass
//   async with cm as r:   # RuntimeError: already used
//       pass
//
// coroscope-reused-scope flags the second async_with on the same context,
// and the second co_await of the same task: both are single-use.
#include <coroscope/async_context.hpp>
#include <coroscope/run.hpp>
#include <coroscope/scope.hpp>
#include <coroscope/task.hpp>

#include <cstdio>
#include <string>

namespace lesson {

coroscope::async_context<std::string> temp_resource() {
  std::puts("setup");
  co_yield std::string("resource");
  std::puts("teardown");
}

coroscope::task<void> print_resource(const std::string &resource) {
  std::puts(resource.c_str());
  co_return;
}

coroscope::task<int> deep_thought() { co_return 42; }

coroscope::task<void> main_task() {
  // Each call creates a new context manager -- this is fine.
  co_await coroscope::async_with(temp_resource(), print_resource);
  co_await coroscope::async_with(temp_resource(), print_resource);

  // But reusing the same instance fails.
  auto cm = temp_resource();
  co_await coroscope::async_with(cm, print_resource);
  co_await coroscope::async_with(cm, print_resource); // BUG(coroscope-reused-scope): already used

  // The same holds for a task: its body runs once.
  coroscope::task<int> answer = deep_thought();
  std::printf("%d\n", co_await answer);
  std::printf("%d\n", co_await answer); // BUG(coroscope-reused-scope): awaited again
}

} // namespace lesson

int main() { coroscope::run(lesson::main_task()); }
