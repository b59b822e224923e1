// coroscope test stub of <boost/cobalt/join.hpp> (our own code).
// co_await join(a, b, ...): waits for all; the first exception cancels the rest and is
// rethrown. SIMPLIFIED: real yields a std::tuple of the results (void if all void);
// the stub yields void.
#pragma once
#include <boost/cobalt/detail/stub_promise.hpp>

namespace boost::cobalt {
namespace detail {
struct join_awaitable {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};
}  // namespace detail

template <typename... Aw>
detail::join_awaitable join(Aw&&...) { return {}; }
}  // namespace boost::cobalt
