// coroscope test stub: seastar/coroutine/parallel_for_each.hh --
// `co_await coroutine::parallel_for_each(range, func)`: runs func on every
// element concurrently, waits for all, rethrows one failure.
#pragma once
#include <coroutine>
#include <ranges>
#include <utility>
namespace seastar::coroutine {
template <typename Func>
class [[nodiscard("must co_await an parallel_for_each() object")]] parallel_for_each final {
 public:
  template <typename Iterator, typename Sentinel, typename Func1>
  explicit parallel_for_each(Iterator begin, Sentinel end, Func1&& func) noexcept {}
  template <std::ranges::range Range, typename Func1>
  explicit parallel_for_each(Range&& range, Func1&& func) noexcept {}
  bool await_ready() const noexcept { return false; }
  template <typename T> void await_suspend(std::coroutine_handle<T> h) noexcept {}
  void await_resume() const {}
};
template <typename Iterator, typename Sentinel, typename Func>
parallel_for_each(Iterator, Sentinel, Func&&) -> parallel_for_each<Func>;
template <std::ranges::range Range, typename Func>
parallel_for_each(Range&&, Func&&) -> parallel_for_each<Func>;
} // namespace seastar::coroutine
