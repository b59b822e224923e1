// coroscope test stub for async_simple::Future<T> -- our own code.
// BLOCKING: `std::move(f).get()` and `f.wait()`.  Awaitable: `co_await std::move(f);`
// (coro/FutureAwaiter.h; awaiting an lvalue Future is deprecated).
#pragma once
#include <async_simple/Executor.h>
#include <async_simple/Try.h>
#include <type_traits>
namespace async_simple {
template <typename T>
class Future {
 public:
  Future(Future&&) noexcept;
  Future(const Future&) = delete;
  bool valid() const;
  bool hasResult() const;
  T get() &&;
  void wait();
  Future<T> via(Executor* executor) &&;
  template <typename F>
  auto thenTry(F&& f) && -> Future<std::invoke_result_t<F, Try<T>&&>>;
  template <typename F>
  auto thenValue(F&& f) && -> Future<std::invoke_result_t<F, T&&>>;
};
}  // namespace async_simple
