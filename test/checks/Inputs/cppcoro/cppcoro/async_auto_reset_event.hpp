// coroscope test stub for cppcoro::async_auto_reset_event -- our own code.
#pragma once
#include <cppcoro/coroutine.hpp>
namespace cppcoro {
class async_auto_reset_event_operation {
 public:
  bool await_ready() const noexcept;
  bool await_suspend(coroutine_handle<> awaiter) noexcept;
  void await_resume() const noexcept {}
};
class async_auto_reset_event {
 public:
  explicit async_auto_reset_event(bool initiallySet = false) noexcept;
  async_auto_reset_event_operation operator co_await() const noexcept;
  void set() noexcept;
  void reset() noexcept;
};
}  // namespace cppcoro
