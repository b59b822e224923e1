// coroscope test stub for coro::event -- our own code.  `co_await e;`  `e.set();`
#pragma once
#include <coroutine>
namespace coro {
enum class resume_order_policy { lifo, fifo };
class event {
 public:
  struct awaiter {
    auto await_ready() const noexcept -> bool;
    auto await_suspend(std::coroutine_handle<> awaiting) noexcept -> bool;
    auto await_resume() noexcept -> void {}
  };
  explicit event(bool initially_set = false) noexcept;
  auto is_set() const noexcept -> bool;
  auto set(resume_order_policy policy = resume_order_policy::lifo) noexcept -> void;
  auto operator co_await() const noexcept -> awaiter;
  auto reset() noexcept -> void;
};
}  // namespace coro
