// coroscope test stub: folly/coro/BlockingWait.h.
// folly::coro::blockingWait is a REFERENCE TO A FUNCTION OBJECT, not a
// function: a call `folly::coro::blockingWait(x)` is a call of
// folly::coro::blocking_wait_fn::operator() through the variable
// folly::coro::blockingWait (newer spelling: folly::coro::blocking_wait).
// It blocks the calling thread until x completes; inside a coroutine use
// `co_await x` instead.
#pragma once
#include <folly/Executor.h>
#include <folly/coro/Task.h>
#include <folly/coro/ViaIfAsync.h>
namespace folly::coro {
struct blocking_wait_fn {
  template <typename Awaitable>
  semi_await_result_t<Awaitable> operator()(Awaitable&& awaitable) const;
  template <typename SemiAwaitable>
  semi_await_result_t<SemiAwaitable> operator()(SemiAwaitable&& awaitable,
                                                DrivableExecutor* executor) const;
};
inline constexpr blocking_wait_fn blocking_wait{};
static constexpr blocking_wait_fn const& blockingWait = blocking_wait;  // backcompat
} // namespace folly::coro
