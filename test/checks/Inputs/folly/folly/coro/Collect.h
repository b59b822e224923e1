// coroscope test stub: folly/coro/Collect.h (real return types are internal
// task types; a Task here). collectAll: on the first failure requests
// cancellation of the others, waits for all, rethrows the first error.
// collectAllTry: a Try per input, no cancellation of siblings.
#pragma once
#include <tuple>
#include <vector>
#include <folly/Try.h>
#include <folly/Unit.h>
#include <folly/coro/Task.h>
#include <folly/coro/ViaIfAsync.h>
namespace folly::coro {
template <typename... SemiAwaitables>
Task<std::tuple<lift_unit_t<semi_await_result_t<SemiAwaitables>>...>>
collectAll(SemiAwaitables... awaitables);

template <typename... SemiAwaitables>
Task<std::tuple<Try<semi_await_result_t<SemiAwaitables>>...>>
collectAllTry(SemiAwaitables... awaitables);

template <typename T>
Task<std::vector<T>> collectAllRange(std::vector<Task<T>> awaitables);
Task<void> collectAllRange(std::vector<Task<void>> awaitables);

template <typename T>
Task<std::vector<Try<T>>> collectAllTryRange(std::vector<Task<T>> awaitables);
} // namespace folly::coro
