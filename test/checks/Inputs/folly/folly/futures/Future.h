// coroscope test stub: folly/futures/Future.h.
// get()/getTry()/wait()/getVia() BLOCK the calling thread; in a coroutine the
// awaitable form is `co_await std::move(f)`.
#pragma once
#include <chrono>
#include <cstdlib>
#include <coroutine>
#include <type_traits>
#include <utility>
#include <folly/Executor.h>
#include <folly/Try.h>
#include <folly/Unit.h>

namespace folly {
using HighResDuration = std::chrono::microseconds; // folly/futures/detail/Types.h
class TimedDrivableExecutor;
template <typename T> class Future;

namespace detail {
template <typename T>
struct FutureAwaiter {
  bool await_ready() noexcept;
  void await_suspend(std::coroutine_handle<> h);
  T await_resume();
};
} // namespace detail

template <typename T>
class SemiFuture {
 public:
  SemiFuture(SemiFuture&&) noexcept;
  SemiFuture(const SemiFuture&) = delete;
  ~SemiFuture();
  bool isReady() const;
  T get() &&;                              // blocking
  T get(HighResDuration dur) &&;           // blocking
  Try<T> getTry() &&;                      // blocking
  SemiFuture<T>&& wait() &&;               // blocking
  bool wait(HighResDuration dur) &&;       // blocking
  Future<T> via(Executor::KeepAlive<> executor) &&;
  // Lets a folly::coro::Task co_await a SemiFuture (the Task injects its executor).
  friend Future<T> co_viaIfAsync(Executor::KeepAlive<> executor, SemiFuture<T>&& f) noexcept {
    return std::move(f).via(std::move(executor));
  }
};

template <typename T>
class Future {
 public:
  Future(Future&&) noexcept;
  Future(const Future&) = delete;
  ~Future();
  bool isReady() const;
  T get() &&;                                   // blocking
  T get(HighResDuration dur) &&;                // blocking
  Try<T> getTry() &&;                           // blocking
  T getVia(DrivableExecutor* e) &&;             // blocking (drives e)
  Future<T>&& wait() &&;                        // blocking
  Future<T>&& wait(HighResDuration dur) &&;     // blocking
  Future<T>&& waitVia(DrivableExecutor* e) &&;  // blocking
  SemiFuture<T> semi() &&;
  template <typename F>
  Future<lift_unit_t<std::invoke_result_t<F, T&&>>> thenValue(F&& f) && { std::abort(); }
};

// folly makes an rvalue Future directly awaitable.
template <typename T>
detail::FutureAwaiter<T> operator co_await(Future<T>&& future) noexcept;

SemiFuture<Unit> makeSemiFuture();
template <typename T> SemiFuture<std::decay_t<T>> makeSemiFuture(T&& t);
Future<Unit> makeFuture();
template <typename T> Future<std::decay_t<T>> makeFuture(T&& t);

// Runs func on executor and returns its result as a Future (awaitable):
// `co_await folly::via(pool, [] { return blocking(); })`.
template <typename Func>
Future<lift_unit_t<std::invoke_result_t<Func>>> via(Executor::KeepAlive<> executor, Func&& func) {
  std::abort();  // stub body (a function template taking a lambda must be defined)
}

template <typename... Fs>
SemiFuture<std::tuple<Try<typename Fs::value_type>...>> collectAllSemiFuture(Fs&&... fs);

namespace futures {
SemiFuture<Unit> sleep(HighResDuration dur, Timekeeper* tk = nullptr);
} // namespace futures
} // namespace folly
