// coroscope test stub: folly/coro/BasePromise.h -- the promise part shared by
// Task and AsyncGenerator: executor, cancellation token, await_transform.
#pragma once
#include <exception>
#include <folly/CancellationToken.h>
#include <folly/Executor.h>
#include <folly/coro/Coroutine.h>
#include <folly/coro/CurrentExecutor.h>
#include <folly/coro/Error.h>
#include <folly/coro/ViaIfAsync.h>

namespace folly::coro::detail {
class BasePromise {
 public:
  template <typename Awaitable>
  decltype(auto) await_transform(Awaitable&& awaitable) {
    return via_if_async(executor_, static_cast<Awaitable&&>(awaitable));
  }
  ready_awaitable<Executor*> await_transform(co_current_executor_t) noexcept {
    return {executor_.get()};
  }
  ready_awaitable<const CancellationToken&> await_transform(co_current_cancellation_token_t) noexcept {
    return {cancelToken_};
  }
  ready_awaitable<> await_transform(co_safe_point_t) noexcept { return {}; }
  void unhandled_exception() noexcept { exception_ = std::current_exception(); }

 protected:
  Executor::KeepAlive<> executor_;
  CancellationToken cancelToken_;
  coroutine_handle<> continuation_;
  std::exception_ptr exception_;
};
} // namespace folly::coro::detail
