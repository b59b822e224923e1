// coroscope test stub for cppcoro::when_all / when_all_ready -- our own code.
// Both return a lazy [[nodiscard]] awaitable; nothing starts until it is co_awaited.
// when_all rethrows the first failure (after all finished); when_all_ready never throws
// (returns the when_all_task wrappers; call .result() on each).
#pragma once
#include <cppcoro/awaitable_traits.hpp>
#include <cppcoro/coroutine.hpp>
#include <tuple>
#include <type_traits>
#include <vector>

namespace cppcoro {
namespace detail {
template <typename R>
struct when_all_awaitable {
  bool await_ready() const noexcept;
  bool await_suspend(coroutine_handle<> awaiting) noexcept;
  R await_resume();
};
template <typename R>
struct when_all_task {  // element of when_all_ready's result
  R result();
};
template <typename A>  // SFINAE-friendly
using result_of_t = decltype(get_awaiter(std::declval<A>()).await_resume());
template <typename A>
using value_of_t = std::remove_cvref_t<result_of_t<A>>;
}  // namespace detail

template <is_awaitable_v... AWAITABLES>
[[nodiscard]] detail::when_all_awaitable<
    std::tuple<detail::non_void_t<detail::value_of_t<AWAITABLES&&>>...>>
when_all(AWAITABLES&&... awaitables);

template <typename AWAITABLE, typename R = detail::value_of_t<AWAITABLE&&>>
[[nodiscard]] detail::when_all_awaitable<
    std::conditional_t<std::is_void_v<R>, void, std::vector<R>>>
when_all(std::vector<AWAITABLE> awaitables);

template <is_awaitable_v... AWAITABLES>
[[nodiscard]] detail::when_all_awaitable<
    std::tuple<detail::when_all_task<detail::result_of_t<AWAITABLES&&>>...>>
when_all_ready(AWAITABLES&&... awaitables);
}  // namespace cppcoro
