// coroscope test stub: seastar/coroutine/maybe_yield.hh.
#pragma once
#include <coroutine>
namespace seastar::coroutine {
struct maybe_yield_awaiter {
  bool await_ready() const;
  template <typename T> void await_suspend(std::coroutine_handle<T> h) noexcept;
  void await_resume() {}
};
class [[nodiscard("must co_await an maybe_yield() object")]] maybe_yield {
 public:
  maybe_yield_awaiter operator co_await() { return {}; }
};
} // namespace seastar::coroutine
