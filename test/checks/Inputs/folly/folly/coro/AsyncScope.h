// coroscope test stub: folly/coro/AsyncScope.h.
// AsyncScope: add() starts work now (detached, joined later). If add() was
// ever called, joinAsync() (or cleanup()) must COMPLETE before destruction:
// ~AsyncScope() is `CHECK(!anyTasksStarted_ || joined_)` -- a fatal CHECK in
// every build mode. joinAsync() may be called once (assert). add() takes an
// awaitable with an executor: co_withExecutor(ex, task()), not a bare Task.
#pragma once
#include <cstddef>
#include <optional>
#include <type_traits>
#include <folly/CancellationToken.h>
#include <folly/Unit.h>
#include <folly/coro/Task.h>
#include <folly/futures/Future.h>
namespace folly::coro {
namespace detail {
template <typename T> inline constexpr bool is_task_v = false;
template <typename T> inline constexpr bool is_task_v<Task<T>> = true;
} // namespace detail

class AsyncScope {
 public:
  AsyncScope() noexcept;
  explicit AsyncScope(bool throwOnJoin) noexcept;
  ~AsyncScope();
  std::size_t remaining() const noexcept;
  template <typename Awaitable>
  void add(Awaitable&& awaitable, void* returnAddress = nullptr) {
    static_assert(!detail::is_task_v<std::remove_cvref_t<Awaitable>>,
                  "pass co_withExecutor(executor, task), not a Task");
  }
  Task<void> joinAsync() noexcept;
  SemiFuture<Unit> cleanup() noexcept;  // == joinAsync().semi()
};

class CancellableAsyncScope {
 public:
  CancellableAsyncScope() noexcept;
  explicit CancellableAsyncScope(bool throwOnJoin) noexcept;
  explicit CancellableAsyncScope(CancellationToken&& token);
  std::size_t remaining() const noexcept;
  template <typename Awaitable>
  void add(Awaitable&& awaitable, std::optional<CancellationToken> token = std::nullopt,
           void* returnAddress = nullptr) {
    static_assert(!detail::is_task_v<std::remove_cvref_t<Awaitable>>,
                  "pass co_withExecutor(executor, task), not a Task");
  }
  template <typename T>
  Task<void> co_schedule(Task<T>&& task, std::optional<CancellationToken> token = std::nullopt);
  void requestCancellation() const noexcept;
  bool isScopeCancellationRequested() const noexcept;
  Task<void> cancelAndJoinAsync() noexcept;
  Task<void> joinAsync() noexcept;
};
} // namespace folly::coro
