// The part of the coroscope runtime that coroscope-blocking-call and
// coroscope-scope-generator name, modeled as DESIGN.md fixes it: a lazy
// task, the non-blocking replacements of blocking calls, and async_context,
// whose `co_yield r` evaluates to the body's outcome.
#pragma once
#include <chrono>
#include <coroutine>
#include <exception>
#include <utility>

namespace coroscope {

template <typename T = void> class task {
public:
  struct promise_type {
    task get_return_object() noexcept { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    template <typename U> void return_value(U &&) {}
    void unhandled_exception() noexcept {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  T await_resume() { return T(); }
};

template <> class task<void> {
public:
  struct promise_type {
    task get_return_object() noexcept { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
};

task<> sleep_for(std::chrono::nanoseconds);

// Runs fn on a worker thread; the awaiting coroutine resumes with its result.
// (The stub only has to type-check.)
template <typename F> auto run_blocking(F) -> task<decltype(std::declval<F &>()())> {
  return {};
}

class async_mutex {
public:
  struct guard {
    ~guard();
  };
  task<guard> lock();
};

// A scope generator: the coroutine co_yields its resource exactly once;
// `co_yield r` resumes with the body's outcome, null on success.
template <typename T> class async_context {
public:
  struct promise_type {
    struct outcome_awaiter {
      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<>) noexcept {}
      std::exception_ptr await_resume() noexcept { return outcome; }
      std::exception_ptr outcome;
    };
    async_context get_return_object() noexcept { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    outcome_awaiter yield_value(T) noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
  };
};

} // namespace coroscope
