// coroscope test stub for libcoro coro::task<T> (jbaldwin/libcoro v0.16.0) -- our own code.
// Facts: LAZY (initial_suspend = suspend_always), move-only, [[nodiscard]]; dropping it
// destroys the frame (body never runs).  operator co_await is `const&` / `const&&`: awaiting
// an lvalue task again after it completed is fine (ready; result returned again).
#pragma once
#include <coroutine>
#include <exception>
#include <type_traits>

namespace coro {
template <typename return_type = void> class task;

namespace detail {
template <typename T> struct promise_return { void return_value(T) {} };
template <> struct promise_return<void> { void return_void() noexcept {} };

template <typename return_type>
struct promise : promise_return<return_type> {
  struct final_awaitable {
    bool await_ready() const noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<>) noexcept;
    void await_resume() noexcept {}
  };
  task<return_type> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept { return {}; }
  final_awaitable final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept {}
};

template <typename R>
struct task_awaiter {
  bool await_ready() const noexcept;
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiting) noexcept;
  R await_resume();
};
}  // namespace detail

template <typename return_type>
class [[nodiscard]] task {
 public:
  using promise_type = detail::promise<return_type>;
  using coroutine_handle = std::coroutine_handle<promise_type>;
  task() noexcept = default;
  explicit task(coroutine_handle h) : m_coroutine(h) {}
  task(const task&) = delete;
  task(task&& o) noexcept : m_coroutine(o.m_coroutine) { o.m_coroutine = nullptr; }
  auto operator=(const task&) -> task& = delete;
  auto operator=(task&& o) noexcept -> task&;
  ~task() { if (m_coroutine) m_coroutine.destroy(); }

  auto is_ready() const noexcept -> bool { return !m_coroutine || m_coroutine.done(); }
  auto resume() -> bool;
  auto destroy() -> bool;
  auto operator co_await() const& noexcept
      -> detail::task_awaiter<std::add_lvalue_reference_t<return_type>>;
  auto operator co_await() const&& noexcept
      -> detail::task_awaiter<std::add_rvalue_reference_t<return_type>>;
  auto handle() -> coroutine_handle { return m_coroutine; }

 private:
  coroutine_handle m_coroutine = nullptr;
};

template <typename return_type>
task<return_type> detail::promise<return_type>::get_return_object() noexcept {
  return task<return_type>{std::coroutine_handle<promise>::from_promise(*this)};
}
}  // namespace coro
