// Part 1: the async context manager protocol, as a class. A class is an
// async resource when it has async_enter() and async_exit(error), both
// awaited by async_with (Python: __aenter__ and __aexit__, awaited by
// `async with`).
#include "lesson.hpp"

#include <coroscope/scope.hpp>
#include <coroscope/time.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <string>
#include <utility>

using namespace std::chrono_literals;
using coroscope::async_with;
using coroscope::task;

/// Measure wall-clock time of an async block.
class async_timer {
public:
  explicit async_timer(std::string label) : label_(std::move(label)) {}

  task<async_timer&> async_enter() {
    start_ = std::chrono::steady_clock::now();
    std::printf("[%s] Starting\n", label_.c_str());
    co_return *this; // the value bound by `as`
  }

  task<bool> async_exit(std::exception_ptr) {
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::printf("[%s] Elapsed: %.3fs\n", label_.c_str(), elapsed);
    // Return false to propagate exceptions, true to suppress the exception.
    co_return false;
  }

  double elapsed = 0.0;

private:
  std::string label_;
  std::chrono::steady_clock::time_point start_;
};

task<void> amain() {
  async_timer timer("fetch");
  co_await async_with(timer, [](async_timer&) -> task<void> {
    co_await coroscope::sleep_for(500ms);
  });
  std::printf("Recorded: %.3fs\n", timer.elapsed);
}

int main() { return lesson::run(amain()); }
