// coroscope test stub for cppcoro::task<T> -- our own code.
// Facts: LAZY (initial_suspend = suspend_always; body runs when first awaited); move-only;
// [[nodiscard]]; dropping it destroys the frame, the body never runs.  operator co_await is
// `const &` and `const &&`: awaiting an lvalue task twice is fine (the second await is ready
// and returns the stored result again); `co_await std::move(t)` moves the result out.
#pragma once
#include <cppcoro/broken_promise.hpp>
#include <cppcoro/coroutine.hpp>
#include <exception>
#include <type_traits>

namespace cppcoro {
template <typename T = void> class task;

namespace detail {
template <typename T> struct task_return { void return_value(T) noexcept {} };
template <> struct task_return<void> { void return_void() noexcept {} };

template <typename T>
struct task_promise : task_return<T> {
  struct final_awaitable {
    bool await_ready() const noexcept { return false; }
    coroutine_handle<> await_suspend(coroutine_handle<>) noexcept;
    void await_resume() noexcept {}
  };
  task<T> get_return_object() noexcept;
  suspend_always initial_suspend() noexcept { return {}; }
  final_awaitable final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept {}
};

template <typename R>
struct task_awaiter {
  bool await_ready() const noexcept;
  coroutine_handle<> await_suspend(coroutine_handle<> awaiting) noexcept;
  R await_resume();  // rethrows the task's exception
};
}  // namespace detail

template <typename T>
class [[nodiscard]] task {
 public:
  using promise_type = detail::task_promise<T>;
  using value_type = T;

  task() noexcept = default;
  explicit task(coroutine_handle<promise_type> h) noexcept : m_coroutine(h) {}
  task(task&& t) noexcept : m_coroutine(t.m_coroutine) { t.m_coroutine = nullptr; }
  task(const task&) = delete;
  task& operator=(const task&) = delete;
  task& operator=(task&& other) noexcept;
  ~task() { if (m_coroutine) m_coroutine.destroy(); }

  bool is_ready() const noexcept { return !m_coroutine || m_coroutine.done(); }
  detail::task_awaiter<std::add_lvalue_reference_t<T>> operator co_await() const& noexcept;
  detail::task_awaiter<std::add_rvalue_reference_t<T>> operator co_await() const&& noexcept;
  detail::task_awaiter<void> when_ready() const noexcept;  // waits, does not fetch result

 private:
  coroutine_handle<promise_type> m_coroutine = nullptr;
};

template <typename T>
task<T> detail::task_promise<T>::get_return_object() noexcept {
  return task<T>{coroutine_handle<task_promise>::from_promise(*this)};
}
}  // namespace cppcoro
