// coroscope test stub: `co_await std::move(future)` (async_simple/coro/FutureAwaiter.h).
#pragma once
#include <async_simple/Future.h>
#include <coroutine>
namespace async_simple {
namespace coro::detail {
template <typename T>
class FutureAwaiter {
 public:
  explicit FutureAwaiter(Future<T>&& f);
  bool await_ready();
  bool await_suspend(std::coroutine_handle<> continuation);
  T await_resume();  // may throw SignalException if cancelled
};
}  // namespace coro::detail
template <typename T>
coro::detail::FutureAwaiter<T> operator co_await(Future<T>&& future);
}  // namespace async_simple
