// coroscope test stub: folly/coro/Error.h.
// `co_yield co_error(ex)` / `co_yield co_stopped_may_throw` end the current
// coroutine with that error WITHOUT throwing inside it: its own catch
// handlers never see it; the awaiting coroutine does.
#pragma once
#include <folly/ExceptionWrapper.h>
#include <folly/OperationCancelled.h>
namespace folly::coro {
class co_error final {
 public:
  template <typename... A>
  explicit co_error(A&&... a);
  const exception_wrapper& exception() const;
};
class co_stopped_may_throw_t final {
 public:
  /* implicit */ operator co_error() const;  // co_error(OperationCancelled{})
};
inline constexpr co_stopped_may_throw_t co_stopped_may_throw{};
[[deprecated("Use co_stopped_may_throw")]]
inline constexpr co_stopped_may_throw_t co_cancelled{};
} // namespace folly::coro
