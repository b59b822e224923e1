// coroscope test stub: seastar/core/coroutine.hh.
// A function returning seastar::future<T> that uses co_await/co_return is a
// coroutine through a std::coroutine_traits specialisation (future<T> has no
// promise_type member). initial_suspend is std::suspend_never: EAGER.
// future<T> is awaitable through a free operator co_await(future<T>&&):
// rvalue only (`co_await f` on an lvalue does not compile; use std::move(f)).
#pragma once
#include <coroutine>
#include <exception>
#include <seastar/core/future.hh>
#include <seastar/coroutine/exception.hh>

namespace seastar {
namespace internal {
template <typename T = void>
class coroutine_traits_base {
 public:
  class promise_type {
   public:
    future<T> get_return_object() noexcept;
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept;
    template <typename U> void return_value(U&& value) noexcept;
    void return_value(coroutine::exception ce) noexcept;
  };
};
template <>
class coroutine_traits_base<void> {
 public:
  class promise_type {
   public:
    future<> get_return_object() noexcept;
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept;
    void return_void() noexcept {}
  };
};
template <typename T>
struct awaiter {
  future<T> _future;
  explicit awaiter(future<T>&& f) noexcept : _future(std::move(f)) {}
  awaiter(const awaiter&) = delete;
  bool await_ready() const noexcept;
  template <typename U> void await_suspend(std::coroutine_handle<U> h) noexcept;
  T await_resume();  // rethrows the future's exception
};
template <typename T>
struct [[nodiscard]] without_preemption_check : public future<T> {
  explicit without_preemption_check(future<T>&& f) noexcept;
};
} // namespace internal

template <typename T>
internal::awaiter<T> operator co_await(future<T>&& f) noexcept {
  return internal::awaiter<T>(std::move(f));
}
template <typename T>
internal::awaiter<T> operator co_await(internal::without_preemption_check<T> f) noexcept;

namespace coroutine {
template <typename T>
internal::without_preemption_check<T> without_preemption_check(future<T>&& f) noexcept;
// Wraps a lambda coroutine passed to a continuation-taking API (then() etc.).
template <typename Func>
class lambda {
 public:
  explicit lambda(Func&& func) : _func(&func) {}
  template <typename... Args>
  decltype(auto) operator()(Args&&... args) const { return (*_func)(static_cast<Args&&>(args)...); }
 private:
  Func* _func;
};
} // namespace coroutine
} // namespace seastar

template <typename T, typename... Args>
struct std::coroutine_traits<seastar::future<T>, Args...>
    : public seastar::internal::coroutine_traits_base<T> {};
