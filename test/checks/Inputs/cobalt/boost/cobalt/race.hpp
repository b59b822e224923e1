// coroscope test stub of <boost/cobalt/race.hpp> (our own code).
// co_await race(a, b, ...): first to complete wins, the others are interrupted or
// cancelled. SIMPLIFIED: real result is the index (all void) or a variant2::variant;
// the stub always yields the index. Range overloads exist in the real library.
#pragma once
#include <boost/cobalt/detail/stub_promise.hpp>
#include <cstddef>

namespace boost::cobalt {
namespace detail {
struct race_awaitable {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  std::size_t await_resume() { return 0; }
};
}  // namespace detail

template <typename... Aw>
detail::race_awaitable race(Aw&&...) { return {}; }
template <typename... Aw>
detail::race_awaitable left_race(Aw&&...) { return {}; }
}  // namespace boost::cobalt
