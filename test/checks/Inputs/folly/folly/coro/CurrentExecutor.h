// coroscope test stub: folly/coro/CurrentExecutor.h.
// Tags a folly::coro::Task's promise answers in await_transform.
#pragma once
#include <folly/Executor.h>
#include <folly/coro/Coroutine.h>
namespace folly::coro {
struct co_current_executor_t { explicit constexpr co_current_executor_t(int) {} };
inline constexpr co_current_executor_t co_current_executor{0};

struct co_current_cancellation_token_t { explicit constexpr co_current_cancellation_token_t(int) {} };
inline constexpr co_current_cancellation_token_t co_current_cancellation_token{0};

// `co_await co_safe_point`: if cancellation was requested the coroutine ends
// with OperationCancelled (no exception is thrown inside it); else continues.
class co_safe_point_t final {};
inline constexpr co_safe_point_t co_safe_point{};

// `co_await co_reschedule_on_current_executor`: yield to the executor.
struct co_reschedule_on_current_executor_t {
  struct Awaiter {
    bool await_ready() noexcept { return false; }
    void await_suspend(coroutine_handle<>);
    void await_resume() noexcept {}
  };
  friend Awaiter co_viaIfAsync(Executor::KeepAlive<>, co_reschedule_on_current_executor_t) noexcept { return {}; }
};
inline constexpr co_reschedule_on_current_executor_t co_reschedule_on_current_executor{};
} // namespace folly::coro
