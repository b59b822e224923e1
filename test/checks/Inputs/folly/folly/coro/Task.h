// coroscope test stub: folly/coro/Task.h (API shape of facebook/folly@ff98381).
//
// folly::coro::Task<T>: LAZY (initial_suspend is suspend_always), move-only,
// [[nodiscard]]. It has no operator co_await: only a folly coroutine can
// co_await it, and only as an rvalue (`co_await t()` / `co_await
// std::move(t)`); `co_await t` on an lvalue does not compile. A dropped Task
// never runs. Run it elsewhere with co_withExecutor(executor, task()), then
// co_await that, blockingWait it, or detach it with .start().
#pragma once
#include <optional>
#include <utility>
#include <folly/CancellationToken.h>
#include <folly/Executor.h>
#include <folly/Try.h>
#include <folly/Unit.h>
#include <folly/coro/BasePromise.h>
#include <folly/coro/Coroutine.h>
#include <folly/coro/ViaIfAsync.h>
#include <folly/futures/Future.h>

namespace folly::coro {
template <typename T = void> class Task;
template <typename T = void> class TaskWithExecutor;

namespace detail {
class TaskPromiseBase : public BasePromise {
 public:
  struct FinalAwaiter {
    bool await_ready() noexcept { return false; }
    coroutine_handle<> await_suspend(coroutine_handle<>) noexcept;
    void await_resume() noexcept {}
  };
  suspend_always initial_suspend() noexcept { return {}; }
  FinalAwaiter final_suspend() noexcept { return {}; }
  FinalAwaiter yield_value(co_error) noexcept { return {}; }  // co_yield co_error(...)
};
template <typename T>
class TaskPromise final : public TaskPromiseBase {
 public:
  Task<T> get_return_object() noexcept;
  template <typename U>
  void return_value(U&& value) { value_.emplace(static_cast<U&&>(value)); }
 private:
  std::optional<T> value_;
};
template <>
class TaskPromise<void> final : public TaskPromiseBase {
 public:
  Task<void> get_return_object() noexcept;
  void return_void() noexcept {}
};
template <typename T>
struct TaskAwaiter {
  bool await_ready() noexcept { return false; }
  coroutine_handle<> await_suspend(coroutine_handle<> continuation) noexcept;
  T await_resume();  // rethrows the task's exception
};
} // namespace detail

template <typename T>
class [[nodiscard]] TaskWithExecutor {
 public:
  TaskWithExecutor(TaskWithExecutor&& t) noexcept;
  ~TaskWithExecutor();
  Executor* executor() const noexcept;
  // Detach: start on its executor now; the SemiFuture (not [[nodiscard]])
  // carries the result, and is often dropped on purpose.
  SemiFuture<lift_unit_t<T>> start() &&;
  template <typename F>
  void start(F&& tryCallback, CancellationToken cancelToken = {}) && {}
  // Like start() but runs inline on the current thread up to the first suspension.
  SemiFuture<lift_unit_t<T>> startInlineUnsafe() &&;
  template <typename F>
  void startInlineUnsafe(F&& tryCallback, CancellationToken cancelToken = {}) && {}
  // Awaitable from any coroutine, rvalue only.
  detail::TaskAwaiter<T> operator co_await() && noexcept { return {}; }
  std::pair<Task<T>, Executor::KeepAlive<>> unwrap() &&;
  friend TaskWithExecutor co_withCancellation(CancellationToken, TaskWithExecutor&& t) noexcept {
    return std::move(t);
  }
};

template <typename T>
class [[nodiscard]] Task {
 public:
  using promise_type = detail::TaskPromise<T>;
  Task(const Task&) = delete;
  Task(Task&& t) noexcept;
  Task& operator=(Task t) noexcept;
  ~Task();  // destroys a never-started coroutine: its body never runs
  [[deprecated("Legacy form, prefer `co_withExecutor(exec, yourTask())`.")]]
  TaskWithExecutor<T> scheduleOn(Executor::KeepAlive<> executor) && noexcept;
  // Lazy SemiFuture: the task starts when an executor is attached (via()).
  SemiFuture<lift_unit_t<T>> semi() &&;
  // How a folly promise awaits a Task: rvalue only.
  friend detail::TaskAwaiter<T> co_viaIfAsync(Executor::KeepAlive<>, Task&&) noexcept { return {}; }
  friend Task co_withCancellation(CancellationToken, Task&& t) noexcept { return std::move(t); }
 private:
  friend class detail::TaskPromise<T>;
  explicit Task(coroutine_handle<promise_type> coro) noexcept;
  coroutine_handle<promise_type> coro_;
};

// Real folly: a CPO object plus a hidden friend of Task; a plain function
// template here (the call looks the same: `co_withExecutor(ex, task())`).
template <typename T>
TaskWithExecutor<T> co_withExecutor(Executor::KeepAlive<> executor, Task<T> task) noexcept;

template <typename T> struct semi_await_result<Task<T>> { using type = T; };
template <typename T> struct semi_await_result<TaskWithExecutor<T>> { using type = T; };

template <typename T>
Task<T> detail::TaskPromise<T>::get_return_object() noexcept {
  return Task<T>{coroutine_handle<TaskPromise<T>>::from_promise(*this)};
}
inline Task<void> detail::TaskPromise<void>::get_return_object() noexcept {
  return Task<void>{coroutine_handle<TaskPromise<void>>::from_promise(*this)};
}
} // namespace folly::coro
