// coroscope test stub of <boost/cobalt/with.hpp> (our own code).
// co_await with(arg, body[, teardown]): runs `co_await body(arg)`, then ALWAYS awaits the
// teardown (arg.await_exit(exception_ptr) or the third argument) -- Cobalt's async
// "using"/scope-exit. Returns a LAZY [[nodiscard]] awaitable.
#pragma once
#include <boost/cobalt/detail/stub_promise.hpp>
#include <exception>

namespace boost::cobalt {
namespace detail {
template <typename T>
struct [[nodiscard]] with_impl {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  T await_resume() {
    if constexpr (!std::is_void_v<T>) return T{};
  }
};
}  // namespace detail

template <typename Arg, typename Func>
auto with(Arg arg, Func func) -> detail::with_impl<void> { (void)arg; (void)func; return {}; }
template <typename Arg, typename Func, typename Teardown>
auto with(Arg arg, Func func, Teardown teardown) -> detail::with_impl<void> {
  (void)arg; (void)func; (void)teardown;
  return {};
}
}  // namespace boost::cobalt
