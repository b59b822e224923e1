// coroscope test stub: folly/coro/AsyncGenerator.h.
// Lazy; consumed with `while (auto item = co_await gen.next()) use(*item);`.
// With RequiresCleanup (CleanableAsyncGenerator) the owner must
// `co_await std::move(gen).cleanup()` before destruction (LOG(FATAL) otherwise).
#pragma once
#include <type_traits>
#include <folly/coro/BasePromise.h>
#include <folly/coro/Coroutine.h>
namespace folly::coro {
template <typename Reference, typename Value = std::remove_cvref_t<Reference>,
          bool RequiresCleanup = false>
class [[nodiscard]] AsyncGenerator {
 public:
  class promise_type : public detail::BasePromise {
   public:
    AsyncGenerator get_return_object() noexcept;
    suspend_always initial_suspend() noexcept { return {}; }
    suspend_always final_suspend() noexcept { return {}; }
    suspend_always yield_value(Reference) noexcept { return {}; }
    void return_void() noexcept {}
  };
  class NextResult {
   public:
    bool has_value() const noexcept;
    explicit operator bool() const noexcept { return has_value(); }
    Reference operator*();
    Reference value();
  };
  struct NextAwaiter {
    bool await_ready() noexcept;
    coroutine_handle<> await_suspend(coroutine_handle<>) noexcept;
    NextResult await_resume();
  };
  struct NextSemiAwaitable {
    NextAwaiter viaIfAsync(Executor::KeepAlive<>) && { return {}; }
  };
  struct CleanupSemiAwaitable {
    ready_awaitable<> viaIfAsync(Executor::KeepAlive<>) && { return {}; }
  };
  AsyncGenerator() noexcept = default;
  AsyncGenerator(AsyncGenerator&&) noexcept;
  ~AsyncGenerator();
  NextSemiAwaitable next() noexcept { return {}; }
  CleanupSemiAwaitable cleanup() && { return {}; }
};
template <typename Reference, typename Value = std::remove_cvref_t<Reference>>
using CleanableAsyncGenerator = AsyncGenerator<Reference, Value, true>;
} // namespace folly::coro
