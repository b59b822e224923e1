// coroscope test stub for async_simple::coro::Lazy<T> (v1.4) -- our own code.
// LAZY (initial_suspend = suspend_always), move-only, [[nodiscard]].  SINGLE USE:
// operator co_await (non-const, usable on lvalues) takes the handle out; a second co_await
// of the same Lazy inside a Lazy throws std::logic_error ("...you're using a used Lazy").
// Dropped: destroyed, never runs.  Detach on purpose: `std::move(lazy).via(ex).start(cb)`,
// `lazy.start(cb)`, `std::move(lazy).via(ex).detach()`, `lazy.directlyStart(cb, ex)`.
// Every co_await inside a Lazy goes through await_transform -> coAwait(Executor*).
#pragma once
#include <async_simple/Executor.h>
#include <async_simple/Try.h>
#include <coroutine>
#include <exception>
#include <type_traits>
#include <utility>

namespace async_simple {
class Slot;
namespace coro {
template <typename T = void> class Lazy;
template <typename T = void> class RescheduleLazy;
struct Yield {};         // `co_await Yield{};` reschedules on the current executor
struct CurrentSlot {};   // `Slot* s = co_await CurrentSlot{};`
struct ForbidSignal {};  // detach this call chain from cancellation

namespace detail {
template <typename A>
decltype(auto) coAwait(Executor* ex, A&& a) {
  if constexpr (requires { static_cast<A&&>(a).coAwait(ex); })
    return static_cast<A&&>(a).coAwait(ex);
  else
    return static_cast<A&&>(a);
}
template <typename T>
struct ReadyAwaiter {
  T value;
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  T await_resume() noexcept { return value; }
};
struct VoidReadyAwaiter {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};

class LazyPromiseBase {
 public:
  struct FinalAwaiter {
    bool await_ready() const noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<>) noexcept;
    void await_resume() noexcept {}
  };
  std::suspend_always initial_suspend() noexcept { return {}; }
  FinalAwaiter final_suspend() noexcept { return {}; }
  template <typename Awaitable>
  decltype(auto) await_transform(Awaitable&& awaitable) {
    return detail::coAwait(_executor, std::forward<Awaitable>(awaitable));
  }
  ReadyAwaiter<Executor*> await_transform(CurrentExecutor) { return {_executor}; }
  ReadyAwaiter<Slot*> await_transform(CurrentSlot) { return {nullptr}; }
  VoidReadyAwaiter await_transform(ForbidSignal) { return {}; }
  VoidReadyAwaiter await_transform(Yield);  // may throw SignalException when cancelled
  Executor* _executor = nullptr;
};
template <typename T> struct LazyReturn : LazyPromiseBase { void return_value(T) noexcept {} };
template <> struct LazyReturn<void> : LazyPromiseBase { void return_void() noexcept {} };
template <typename T>
struct LazyPromise : LazyReturn<T> {
  Lazy<T> get_return_object() noexcept;
  void unhandled_exception() noexcept {}
};

template <typename T>
struct ValueAwaiter {
  std::coroutine_handle<LazyPromise<T>> _handle;
  bool await_ready() const noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> continuation) noexcept;
  T await_resume();  // rethrows
};
template <typename T>
struct TryAwaiter {
  std::coroutine_handle<LazyPromise<T>> _handle;
  bool await_ready() const noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> continuation) noexcept;
  Try<T> await_resume() noexcept;
};

template <typename T, bool reschedule>
class LazyBase {
 public:
  using promise_type = LazyPromise<T>;
  using Handle = std::coroutine_handle<promise_type>;
  using ValueType = T;
  explicit LazyBase(Handle coro) noexcept : _coro(coro) {}
  LazyBase(LazyBase&& o) noexcept : _coro(std::exchange(o._coro, nullptr)) {}
  LazyBase(const LazyBase&) = delete;
  ~LazyBase() { if (_coro) _coro.destroy(); }
  Executor* getExecutor();
  template <typename F>
    requires std::is_invocable_v<F, Try<T>>
  void start(F&& callback) {  // runs it detached; callback gets the Try<T>
    (void)callback;
  }
  bool isReady() const { return !_coro || _coro.done(); }
  ValueAwaiter<T> operator co_await() { return {std::exchange(_coro, nullptr)}; }
  TryAwaiter<T> coAwaitTry() { return {std::exchange(_coro, nullptr)}; }
 protected:
  Handle _coro;
};
}  // namespace detail

template <typename T>
class [[nodiscard]] Lazy : public detail::LazyBase<T, false> {
  using Base = detail::LazyBase<T, false>;
 public:
  using Base::Base;
  RescheduleLazy<T> via(Executor* ex) &&;
  template <typename... Args>
  Lazy<T> setLazyLocal(Args&&... args) && {  // e.g. .setLazyLocal(signal.get())
    ((void)args, ...);
    return std::move(*this);
  }
  template <typename F>
  void directlyStart(F&& callback, Executor* executor) {
    (void)executor;
    this->start(std::forward<F>(callback));
  }
  detail::ValueAwaiter<T> coAwait(Executor* ex);  // throws std::logic_error if used up
};

template <typename T>
class [[nodiscard]] RescheduleLazy : public detail::LazyBase<T, true> {
  using Base = detail::LazyBase<T, true>;
 public:
  using Base::Base;
  void detach();  // start with a callback that rethrows errors (-> terminate)
  [[deprecated("RescheduleLazy should be only allowed in DetachedCoroutine")]]
  detail::ValueAwaiter<T> operator co_await() { return Base::operator co_await(); }
};

template <typename T>
Lazy<T> detail::LazyPromise<T>::get_return_object() noexcept {
  return Lazy<T>(std::coroutine_handle<LazyPromise>::from_promise(*this));
}
}  // namespace coro
}  // namespace async_simple
