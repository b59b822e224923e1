// coroscope test stub for cppcoro: awaitable_traits<T>::await_result_t.
#pragma once
#include <type_traits>
#include <utility>
namespace cppcoro {
namespace detail {
template <typename A>
decltype(auto) get_awaiter(A&& a) {
  if constexpr (requires { static_cast<A&&>(a).operator co_await(); })
    return static_cast<A&&>(a).operator co_await();
  else
    return static_cast<A&&>(a);
}
// when_all: void results become void_value in the tuple.
struct void_value {};
template <typename T>
using non_void_t = std::conditional_t<std::is_void_v<T>, void_value, T>;
}  // namespace detail
template <typename T>
concept is_awaitable_v = requires(T&& t) { detail::get_awaiter(static_cast<T&&>(t)).await_ready(); };
template <typename T>
struct awaitable_traits {
  using awaiter_t = decltype(detail::get_awaiter(std::declval<T>()));
  using await_result_t = decltype(std::declval<awaiter_t>().await_resume());
};
}  // namespace cppcoro
