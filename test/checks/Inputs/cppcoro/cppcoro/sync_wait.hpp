// coroscope test stub for cppcoro::sync_wait -- our own code.
// BLOCKING: starts the awaitable on the calling thread and blocks it (an OS-level event wait)
// until it completes.  Meant for main()/tests; inside a coroutine it blocks the executor
// thread (deadlock on a single-threaded io_service).  Remedy: `co_await awaitable`.
#pragma once
#include <cppcoro/awaitable_traits.hpp>
namespace cppcoro {
template <typename AWAITABLE>
auto sync_wait(AWAITABLE&& awaitable) ->
    typename awaitable_traits<AWAITABLE&&>::await_result_t;
}  // namespace cppcoro
