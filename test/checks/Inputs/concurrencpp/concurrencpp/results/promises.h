// coroscope test stub: the std::coroutine_traits specializations that give concurrencpp's
// result types their promises (real: concurrencpp/results/promises.h) -- our own code.
#pragma once
#include <concurrencpp/results/result_fwd_declarations.h>
#include <exception>
#include <memory>

namespace concurrencpp::details {
template <class R, class T>
struct eager_promise : return_value_struct<T> {  // result<T>: starts inline
  R get_return_object() noexcept;
  std::suspend_never initial_suspend() const noexcept { return {}; }
  std::suspend_always final_suspend() const noexcept { return {}; }
  void unhandled_exception() noexcept {}  // stored, rethrown by get()/co_await
};
// Parallel coroutine: suspends at start and posts itself to the executor right away.
// Throws errors::broken_task from await_resume if the executor is shut down.
struct initial_scheduling_awaiter : std::suspend_always {
  template <class P>
  void await_suspend(std::coroutine_handle<P> h);  // executor.post(resume h)
  void await_resume() const;
};
template <class R, class T>
struct parallel_promise : eager_promise<R, T> {
  template <class E, class... A>
  parallel_promise(executor_tag, E&&, A&&...) noexcept {}
  initial_scheduling_awaiter initial_suspend() const noexcept { return {}; }
};
template <class T>
struct lazy_promise : return_value_struct<T> {
  lazy_result<T> get_return_object() noexcept {
    return lazy_result<T>{std::coroutine_handle<lazy_promise>::from_promise(*this)};
  }
  std::suspend_always initial_suspend() const noexcept { return {}; }
  std::suspend_always final_suspend() const noexcept { return {}; }
  void unhandled_exception() noexcept {}
};
struct null_result_promise {  // fire and forget: exceptions are DROPPED silently
  null_result get_return_object() const noexcept { return {}; }
  std::suspend_never initial_suspend() const noexcept { return {}; }
  std::suspend_never final_suspend() const noexcept { return {}; }
  void unhandled_exception() const noexcept {}
  void return_void() const noexcept {}
};
template <class E>
struct parallel_null_result_promise : null_result_promise {
  template <class X, class... A>
  parallel_null_result_promise(executor_tag, X&&, A&&...) noexcept {}
  initial_scheduling_awaiter initial_suspend() const noexcept { return {}; }
};
}  // namespace concurrencpp::details

template <class T, class... A>
struct std::coroutine_traits<concurrencpp::result<T>, A...> {
  using promise_type = concurrencpp::details::eager_promise<concurrencpp::result<T>, T>;
};
template <class T, class E, class... A>
struct std::coroutine_traits<concurrencpp::result<T>, concurrencpp::executor_tag,
                             std::shared_ptr<E>, A...> {
  using promise_type = concurrencpp::details::parallel_promise<concurrencpp::result<T>, T>;
};
template <class T, class E, class... A>
struct std::coroutine_traits<concurrencpp::result<T>, concurrencpp::executor_tag, E*, A...> {
  using promise_type = concurrencpp::details::parallel_promise<concurrencpp::result<T>, T>;
};
template <class T, class E, class... A>
struct std::coroutine_traits<concurrencpp::result<T>, concurrencpp::executor_tag, E&, A...> {
  using promise_type = concurrencpp::details::parallel_promise<concurrencpp::result<T>, T>;
};
template <class T, class... A>
struct std::coroutine_traits<concurrencpp::lazy_result<T>, A...> {
  using promise_type = concurrencpp::details::lazy_promise<T>;
};
template <class... A>
struct std::coroutine_traits<concurrencpp::null_result, A...> {
  using promise_type = concurrencpp::details::null_result_promise;
};
template <class E, class... A>
struct std::coroutine_traits<concurrencpp::null_result, concurrencpp::executor_tag,
                             std::shared_ptr<E>, A...> {
  using promise_type = concurrencpp::details::parallel_null_result_promise<E>;
};
