// coroscope test stub of <boost/cobalt/gather.hpp> (our own code).
// co_await gather(a, b, ...): waits for all, exceptions captured as values
// (system::result<T>); one failing does not cancel the others. SIMPLIFIED: stub yields void.
#pragma once
#include <boost/cobalt/detail/stub_promise.hpp>

namespace boost::cobalt {
namespace detail {
struct gather_awaitable {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};
}  // namespace detail

template <typename... Aw>
detail::gather_awaitable gather(Aw&&...) { return {}; }
}  // namespace boost::cobalt
