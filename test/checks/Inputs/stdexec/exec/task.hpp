// coroscope test stub of <exec/task.hpp> (our own code).
// exec::task<T> = basic_task<T, default_task_context<T>>: LAZY, [[nodiscard]], move-only.
// `operator co_await() &&` only: `co_await t` on an lvalue does not compile; after
// `co_await std::move(t)` the handle is null, a second co_await is UB. Dropped => never
// runs. Usable as a sender (sync_wait(t), scope.spawn(t)). Scheduler affinity: after
// awaiting a sender that completes elsewhere it transitions back to its own scheduler.
#pragma once
#include <exec/detail/stub_namespace.hpp>
#include <stdexec/execution.hpp>

COROSCOPE_STUB_EXEC_BEGIN
template <class T>
struct default_task_context {};

namespace __task {
template <class T, class Context = default_task_context<T>>
class [[nodiscard]] basic_task {
 public:
  struct promise_type : stdexec::__task::value_base<T>,
                        stdexec::with_awaitable_senders<promise_type> {
    basic_task get_return_object() noexcept {
      return basic_task{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept { error = std::current_exception(); }
    std::exception_ptr error;
  };
  using __stub_values = std::conditional_t<std::is_void_v<T>, std::tuple<>, std::tuple<T>>;

  basic_task(basic_task&& that) noexcept : coro_(std::exchange(that.coro_, {})) {}
  ~basic_task() {
    if (coro_) coro_.destroy();
  }

  struct awaiter {
    std::coroutine_handle<promise_type> coro;
    bool await_ready() const noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<>) noexcept { return coro; }
    T await_resume() {
      if (coro.promise().error) std::rethrow_exception(coro.promise().error);
      if constexpr (!std::is_void_v<T>) return std::move(*coro.promise().result);
    }
  };
  awaiter operator co_await() && noexcept { return awaiter{std::exchange(coro_, {})}; }

 private:
  explicit basic_task(std::coroutine_handle<promise_type> h) noexcept : coro_(h) {}
  std::coroutine_handle<promise_type> coro_;
};
}  // namespace __task

using __task::basic_task;
template <class T>
using task = basic_task<T, default_task_context<T>>;
COROSCOPE_STUB_EXEC_END
