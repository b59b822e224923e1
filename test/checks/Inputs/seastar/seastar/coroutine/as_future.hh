// coroscope test stub: seastar/coroutine/as_future.hh --
// `auto f = co_await coroutine::as_future(std::move(fut));` yields the ready
// future instead of throwing (then f.failed() / f.get_exception() / f.get()).
#pragma once
#include <coroutine>
#include <seastar/core/future.hh>
namespace seastar {
namespace internal {
template <typename T>
class [[nodiscard]] as_future_awaiter {
 public:
  explicit as_future_awaiter(future<T>&& f) noexcept;
  as_future_awaiter(const as_future_awaiter&) = delete;
  bool await_ready() const noexcept;
  template <typename U> void await_suspend(std::coroutine_handle<U> h) noexcept;
  future<T> await_resume();
};
} // namespace internal
namespace coroutine {
template <typename T>
internal::as_future_awaiter<T> as_future(future<T>&& f) noexcept {
  return internal::as_future_awaiter<T>(std::move(f));
}
} // namespace coroutine
} // namespace seastar
