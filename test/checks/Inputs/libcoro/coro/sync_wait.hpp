// coroscope test stub for coro::sync_wait -- our own code.
// BLOCKING: runs the awaitable and blocks the calling thread on a condition variable until
// it completes.  Inside a coroutine it blocks an executor thread (deadlock when the awaited
// work needs that thread).  Remedy: `co_await awaitable`.
#pragma once
#include <coro/concepts/awaitable.hpp>
namespace coro {
template <concepts::awaitable awaitable_type,
          typename return_type =
              typename concepts::awaitable_traits<awaitable_type>::awaiter_return_type>
auto sync_wait(awaitable_type&& a) -> return_type;
}  // namespace coro
