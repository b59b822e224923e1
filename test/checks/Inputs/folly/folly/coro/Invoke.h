// coroscope test stub: folly/coro/Invoke.h.
// co_invoke(lambda, args...) keeps the (decay-copied) lambda alive as long as
// the returned Task/AsyncGenerator.
#pragma once
#include <cstdlib>
#include <type_traits>
namespace folly::coro {
struct co_invoke_fn {
  template <typename F, typename... A>
  std::invoke_result_t<F, A...> operator()(F&& f, A&&... a) const { std::abort(); }
};
inline constexpr co_invoke_fn co_invoke{};
} // namespace folly::coro
