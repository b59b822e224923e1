// The coroscope runtime's scope types as declarations only, named as in
// DESIGN.md, so that checks whose defaults name them are tested without the
// runtime: tasks, async contexts, exit stacks, async_with, pools with RAII
// leases, and async locks with RAII guards.
#pragma once
#include <chrono>
#include <coroutine>
#include <exception>
#include <utility>

namespace coroscope {

// Deliberately not derived from std::exception.
struct cancelled {};

// Lazy, like the runtime's: initial_suspend is std::suspend_always.
template <typename T = void> class task {
public:
  struct promise_type {
    task get_return_object() noexcept;
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    template <typename U> void return_value(U &&) {}
    void unhandled_exception() noexcept {}
  };
  task(task &&) noexcept;
  task &operator=(task &&) noexcept;
  ~task();
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  T await_resume(); // rethrows the task's exception, or 'cancelled'
};

template <> class task<void> {
public:
  struct promise_type {
    task get_return_object() noexcept;
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() noexcept {}
  };
  task(task &&) noexcept;
  task &operator=(task &&) noexcept;
  ~task();
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume();
};

task<void> sleep_for(std::chrono::milliseconds duration);

// A coroutine that co_yields its resource once; the async resource protocol.
template <typename T> class async_context {
public:
  struct promise_type {
    async_context get_return_object() noexcept;
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T) noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() noexcept {}
  };
  async_context(async_context &&) noexcept;
  async_context &operator=(async_context &&) noexcept;
  ~async_context();
  task<T &> async_enter();
  task<bool> async_exit(std::exception_ptr error);
};

class exit_stack {
public:
  exit_stack() noexcept;
  ~exit_stack();
  template <typename Resource> task<void> enter(Resource &resource) {
    co_return;
  }
  template <typename Callback> void push_callback(Callback callback) {}
  exit_stack pop_all();
  task<void> aclose();
  task<exit_stack &> async_enter();
  task<bool> async_exit(std::exception_ptr error);
};

template <typename Resource, typename Body>
task<void> async_with(Resource &&resource, Body body) {
  co_return;
}

template <typename T> class pool {
public:
  // Returns the connection to the pool when destroyed.
  class lease {
  public:
    lease(lease &&) noexcept;
    ~lease();
    T &operator*() noexcept;
    T *operator->() noexcept;
  };
  task<lease> acquire();
};

// Locks hand out RAII guards: `auto guard = co_await mutex.lock();`.
template <class Resource> class scoped_release {
public:
  scoped_release(scoped_release &&) noexcept;
  ~scoped_release();
  void release() noexcept;
};

class async_mutex {
public:
  using guard = scoped_release<async_mutex>;
  task<guard> lock();
};

class async_semaphore {
public:
  using permit = scoped_release<async_semaphore>;
  explicit async_semaphore(int count);
  task<permit> acquire();
};

} // namespace coroscope
