// coroscope test stub for libcoro: coro::concepts::awaitable, awaitable_traits -- our own code.
#pragma once
#include <type_traits>
#include <utility>
namespace coro::concepts {
template <typename A>
decltype(auto) get_awaiter(A&& a) {
  if constexpr (requires { static_cast<A&&>(a).operator co_await(); })
    return static_cast<A&&>(a).operator co_await();
  else
    return static_cast<A&&>(a);
}
template <typename A>
concept awaitable = requires(A&& a) { get_awaiter(static_cast<A&&>(a)).await_ready(); };
template <awaitable A>
struct awaitable_traits {
  using awaiter_return_type = decltype(get_awaiter(std::declval<A>()).await_resume());
};
}  // namespace coro::concepts
