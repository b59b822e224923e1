// coroscope test stub: folly/coro/Coroutine.h.
#pragma once
#include <coroutine>
#define FOLLY_HAS_COROUTINES 1
namespace folly::coro {
using std::coroutine_handle;
using std::suspend_always;
using std::suspend_never;
template <typename T = void>
struct ready_awaitable {  // completes without suspending
  T value;
  bool await_ready() noexcept { return true; }
  void await_suspend(coroutine_handle<>) noexcept {}
  T await_resume() noexcept { return static_cast<T>(value); }
};
template <>
struct ready_awaitable<void> {
  bool await_ready() noexcept { return true; }
  void await_suspend(coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};
} // namespace folly::coro
