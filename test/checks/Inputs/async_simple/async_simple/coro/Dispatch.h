// coroscope test stub for async_simple::coro::dispatch -- our own code.
// `co_await async_simple::coro::dispatch(ex);` moves the current Lazy chain onto `ex`
// (offload).  Only inside a Lazy.  Throws std::runtime_error if ex->schedule fails.
#pragma once
#include <async_simple/Executor.h>
#include <coroutine>
namespace async_simple::coro {
namespace detail {
class DispatchAwaiter {
 public:
  explicit DispatchAwaiter(Executor* ex) noexcept : _ex(ex) {}
  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<> h);
  void await_resume() noexcept {}
 private:
  Executor* _ex;
};
class DispatchAwaitable {
 public:
  explicit DispatchAwaitable(Executor* ex) : _ex(ex) {}
  DispatchAwaiter coAwait(Executor*) { return DispatchAwaiter{_ex}; }
 private:
  Executor* _ex;
};
}  // namespace detail
inline detail::DispatchAwaitable dispatch(Executor* ex) { return detail::DispatchAwaitable{ex}; }
}  // namespace async_simple::coro
