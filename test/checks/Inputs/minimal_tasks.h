// Hand-written coroutine types, as small as the language allows, so the
// checks are tested on structure rather than on any library's names.
#pragma once
#include <coroutine>
#include <exception>
#include <utility>

namespace demo {

// Lazy: initial_suspend is std::suspend_always.
template <typename T = void> struct lazy_task {
  struct promise_type {
    lazy_task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
};

// Eager: initial_suspend is std::suspend_never.
struct eager_task {
  struct promise_type {
    eager_task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
};

// Its own initial awaiter whose await_ready is a constant false: lazy.
struct custom_initial {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

// Whether it starts depends on run-time state: neither lazy nor eager.
struct maybe_initial {
  bool start_now;
  bool await_ready() const noexcept { return start_now; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

// Awaitable only as an rvalue, through a member operator co_await.
struct rvalue_task {
  struct promise_type {
    rvalue_task get_return_object() { return {}; }
    custom_initial initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  struct awaiter {
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) noexcept {}
    void await_resume() {}
  };
  awaiter operator co_await() && noexcept { return {}; }
};

// Awaitable through a free operator co_await; start decided at run time.
struct free_task {
  struct promise_type {
    free_task get_return_object() { return {}; }
    maybe_initial initial_suspend() noexcept { return {true}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
inline std::suspend_always operator co_await(free_task &&) noexcept {
  return {};
}

// A plain awaiter: awaitable, but no coroutine returns it.
struct timer_awaiter {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};

// Made a coroutine return type through std::coroutine_traits, not a nested
// promise_type.
struct traits_task {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};
struct traits_promise {
  traits_task get_return_object() { return {}; }
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void return_void() {}
  void unhandled_exception() {}
};

// Not awaitable at all: a synchronous resource.
struct file {
  void close() {}
  int close_count() const { return 0; }
};

} // namespace demo

template <typename... Args>
struct std::coroutine_traits<demo::traits_task, Args...> {
  using promise_type = demo::traits_promise;
};
