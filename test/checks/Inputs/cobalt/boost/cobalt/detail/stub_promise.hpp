// coroscope test stub: shared promise pieces for the Boost.Cobalt stubs (our own code).
// Real Cobalt builds its promises from mix-ins (enable_awaitables, enable_await_executor,
// promise_cancellation_base, promise_throw_if_cancelled_base); this is the minimum that
// makes the same user code compile.
#pragma once
#include <boost/cobalt/config.hpp>
#include <boost/cobalt/this_coro.hpp>
#include <coroutine>
#include <exception>
#include <optional>
#include <utility>

namespace boost::cobalt::detail {

struct ready_awaiter_base {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
};

// await_transform for cobalt's pseudo-awaitables; everything else passes through.
struct promise_base {
  std::exception_ptr exception;
  void unhandled_exception() { exception = std::current_exception(); }

  auto await_transform(boost::asio::this_coro::executor_t) {
    struct aw : ready_awaiter_base { executor await_resume() const { return {}; } };
    return aw{};
  }
  auto await_transform(this_coro::cancelled_t) {
    struct aw : ready_awaiter_base {
      boost::asio::cancellation_type await_resume() const { return {}; }
    };
    return aw{};
  }
  auto await_transform(this_coro::throw_if_cancelled_t) {
    struct aw : ready_awaiter_base { void await_resume() const {} };
    return aw{};
  }
  template <typename Aw>
  Aw&& await_transform(Aw&& aw) { return static_cast<Aw&&>(aw); }
};

template <typename T>
struct value_holder {
  std::optional<T> result;
  void return_value(T v) { result.emplace(std::move(v)); }
  T take() { return std::move(*result); }
};
template <>
struct value_holder<void> {
  void return_void() {}
  void take() {}
};

// Awaiter used by promise/task/thread handles. `Return` is what co_await yields.
template <typename Promise, typename Return>
struct handle_awaiter {
  std::coroutine_handle<Promise> h;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  Return await_resume() {
    if (h.promise().exception) std::rethrow_exception(h.promise().exception);
    return h.promise().take();
  }
};

}  // namespace boost::cobalt::detail
