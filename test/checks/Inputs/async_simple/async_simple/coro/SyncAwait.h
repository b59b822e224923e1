// coroscope test stub for async_simple::coro::syncAwait -- our own code.
// BLOCKING: starts the Lazy and blocks the calling thread until it completes (throws
// std::logic_error when called on a thread of the Lazy's own executor).  Remedy: co_await.
#pragma once
#include <async_simple/Executor.h>
#include <type_traits>
namespace async_simple::coro {
template <typename LazyType>
auto syncAwait(LazyType&& lazy) -> typename std::decay_t<LazyType>::ValueType;
template <typename LazyType>
auto syncAwait(LazyType&& lazy, Executor* ex) -> typename std::decay_t<LazyType>::ValueType;
}  // namespace async_simple::coro
