// coroscope test stub for coro::condition_variable (libcoro v0.15.0+) -- our own code.
// wait*(..., coro::scoped_lock& lock, ...) UNLOCKS the lock's mutex while suspended and
// re-locks it before resuming: holding `lk` across `co_await cv.wait(lk, pred)` is the
// documented pattern.  The lock is argument 1 of wait(), argument 2 of wait_for/wait_until
// (after the executor).  notify_one()/notify_all() return coro::task<void>: co_await them
// (or use the overload taking an executor, which spawns the notification).
#pragma once
#include <coro/mutex.hpp>
#include <coro/task.hpp>
#include <chrono>
#include <condition_variable>  // std::cv_status
#include <functional>
#include <memory>
#include <stop_token>

namespace coro {
class condition_variable {
 public:
  using predicate_type = std::function<bool()>;
  template <typename R>
  struct awaiter {
    auto await_ready() noexcept -> bool;
    auto await_suspend(std::coroutine_handle<> awaiting) noexcept -> bool;
    auto await_resume() noexcept -> R;
  };

  condition_variable() = default;
  condition_variable(const condition_variable&) = delete;
  auto notify_one() -> coro::task<void>;
  auto notify_all() -> coro::task<void>;
  template <typename executor_type>
  auto notify_one(std::unique_ptr<executor_type>& executor) -> void;
  template <typename executor_type>
  auto notify_all(std::unique_ptr<executor_type>& executor) -> void;

  [[nodiscard]] auto wait(coro::scoped_lock& lock) -> awaiter<void>;
  [[nodiscard]] auto wait(coro::scoped_lock& lock, predicate_type predicate) -> awaiter<void>;
  [[nodiscard]] auto wait(coro::scoped_lock& lock, std::stop_token stop_token,
                          predicate_type predicate) -> awaiter<bool>;
  template <typename executor_type, class rep, class period>
  [[nodiscard]] auto wait_for(std::unique_ptr<executor_type>& executor, coro::scoped_lock& lock,
                              std::chrono::duration<rep, period> wait_for)
      -> awaiter<std::cv_status>;
  template <typename executor_type, class rep, class period>
  [[nodiscard]] auto wait_for(std::unique_ptr<executor_type>& executor, coro::scoped_lock& lock,
                              std::chrono::duration<rep, period> wait_for,
                              predicate_type predicate) -> awaiter<bool>;
};
}  // namespace coro
