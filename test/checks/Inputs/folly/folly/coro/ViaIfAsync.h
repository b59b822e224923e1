// coroscope test stub: folly/coro/ViaIfAsync.h.
// folly's "semi-awaitables" (Task, SemiFuture, the objects Mutex::co_lock()
// returns...) have NO operator co_await: a folly coroutine's promise turns
// them into awaiters in await_transform by injecting its executor, through
// `x.viaIfAsync(executor)` or an ADL `co_viaIfAsync(executor, std::move(x))`.
#pragma once
#include <type_traits>
#include <utility>
#include <folly/Executor.h>
#include <folly/Try.h>
#include <folly/coro/Coroutine.h>
#include <folly/futures/Future.h>

namespace folly::coro {
// Result type of co_await-ing a semi-awaitable (specialised per type).
template <typename SemiAwaitable> struct semi_await_result;
template <typename SemiAwaitable>
using semi_await_result_t = typename semi_await_result<std::remove_cvref_t<SemiAwaitable>>::type;
template <typename T> struct semi_await_result<SemiFuture<T>> { using type = T; };
template <typename T> struct semi_await_result<Future<T>> { using type = T; };

namespace detail {
// What a folly promise's await_transform does with an operand.
template <typename A>
decltype(auto) via_if_async(Executor::KeepAlive<> executor, A&& a) {
  if constexpr (requires { static_cast<A&&>(a).viaIfAsync(executor); }) {
    return static_cast<A&&>(a).viaIfAsync(executor);
  } else if constexpr (requires { co_viaIfAsync(executor, static_cast<A&&>(a)); }) {
    return co_viaIfAsync(executor, static_cast<A&&>(a));
  } else {
    return static_cast<A&&>(a);  // already an awaitable (or an error below)
  }
}

template <typename Awaitable>
class TryAwaitable {
 public:
  struct Awaiter {
    bool await_ready() noexcept;
    void await_suspend(coroutine_handle<>);
    Try<semi_await_result_t<Awaitable>> await_resume();
  };
  explicit TryAwaitable(Awaitable&& a) : awaitable_(std::move(a)) {}
  Awaiter viaIfAsync(Executor::KeepAlive<>) && { return {}; }
 private:
  Awaitable awaitable_;
};
} // namespace detail

// `auto t = co_await co_awaitTry(op());` -- completes with a folly::Try
// instead of throwing; the non-throwing way to inspect errors/cancellation.
template <typename Awaitable>
detail::TryAwaitable<std::remove_cvref_t<Awaitable>> co_awaitTry(Awaitable&& awaitable) {
  return detail::TryAwaitable<std::remove_cvref_t<Awaitable>>{std::move(awaitable)};
}
} // namespace folly::coro
