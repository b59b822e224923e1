// coroscope test stub for coro::when_all -- our own code.  Lazy [[nodiscard]] awaitable;
// the result holds the finished tasks: call .return_value() on each (rethrows).
#pragma once
#include <coro/concepts/awaitable.hpp>
#include <coro/task.hpp>
#include <ranges>
#include <tuple>
#include <vector>

namespace coro {
namespace detail {
template <typename A>
using await_result_t = typename concepts::awaitable_traits<A>::awaiter_return_type;
template <typename T>
struct when_all_task {  // a finished child
  auto return_value() -> std::add_lvalue_reference_t<T>;
};
template <typename R>
struct when_all_ready_awaitable {
  bool await_ready() const noexcept;
  bool await_suspend(std::coroutine_handle<> awaiting) noexcept;
  R await_resume() noexcept;
};
}  // namespace detail

template <concepts::awaitable... awaitables_type>
[[nodiscard]] auto when_all(awaitables_type... awaitables)
    -> detail::when_all_ready_awaitable<
        std::tuple<detail::when_all_task<detail::await_result_t<awaitables_type>>...>>;

template <std::ranges::range range_type,
          concepts::awaitable awaitable_type = std::ranges::range_value_t<range_type>>
[[nodiscard]] auto when_all(range_type awaitables)
    -> detail::when_all_ready_awaitable<
        std::vector<detail::when_all_task<detail::await_result_t<awaitable_type>>>>;
}  // namespace coro
