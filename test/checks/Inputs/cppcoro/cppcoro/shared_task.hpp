// coroscope test stub for cppcoro::shared_task<T> -- our own code.
// Facts: LAZY (starts on first await), COPYABLE, any number of awaits (concurrent ones too);
// the result is always an lvalue reference.  Dropping every copy unawaited: never runs.
#pragma once
#include <cppcoro/coroutine.hpp>
#include <type_traits>

namespace cppcoro {
template <typename T = void> class shared_task;
namespace detail {
template <typename T> struct shared_task_return { void return_value(T) noexcept {} };
template <> struct shared_task_return<void> { void return_void() noexcept {} };
template <typename T>
struct shared_task_promise : shared_task_return<T> {
  shared_task<T> get_return_object() noexcept;
  suspend_always initial_suspend() noexcept { return {}; }
  suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept {}
};
template <typename R>
struct shared_task_awaiter {
  bool await_ready() const noexcept;
  bool await_suspend(coroutine_handle<> awaiting) noexcept;
  R await_resume();
};
}  // namespace detail

template <typename T>
class [[nodiscard]] shared_task {
 public:
  using promise_type = detail::shared_task_promise<T>;
  using value_type = T;
  shared_task() noexcept = default;
  explicit shared_task(coroutine_handle<promise_type> h) noexcept : m_coroutine(h) {}
  shared_task(const shared_task&) noexcept;
  shared_task(shared_task&&) noexcept;
  shared_task& operator=(const shared_task&) noexcept;
  ~shared_task();
  bool is_ready() const noexcept;
  detail::shared_task_awaiter<std::add_lvalue_reference_t<T>> operator co_await() const noexcept;
  detail::shared_task_awaiter<void> when_ready() const noexcept;
 private:
  coroutine_handle<promise_type> m_coroutine = nullptr;
};

template <typename T>
shared_task<T> detail::shared_task_promise<T>::get_return_object() noexcept {
  return shared_task<T>{coroutine_handle<shared_task_promise>::from_promise(*this)};
}
}  // namespace cppcoro
