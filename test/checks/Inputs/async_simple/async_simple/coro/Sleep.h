// coroscope test stub for async_simple::coro::sleep -- our own code.
// `co_await async_simple::coro::sleep(100ms);` (uses the current executor's after(); with no
// executor it falls back to std::this_thread::sleep_for).  Throws SignalException if cancelled.
#pragma once
#include <async_simple/Executor.h>
#include <async_simple/coro/Lazy.h>
#include <chrono>
#include <cstdint>
namespace async_simple::coro {
template <typename Rep, typename Period>
Lazy<void> sleep(std::chrono::duration<Rep, Period> dur);
template <typename Rep, typename Period>
Lazy<void> sleep(std::chrono::duration<Rep, Period> dur, uint64_t schedule_hint);
template <typename Rep, typename Period>
Lazy<void> sleep(Executor* ex, std::chrono::duration<Rep, Period> dur);
}  // namespace async_simple::coro
