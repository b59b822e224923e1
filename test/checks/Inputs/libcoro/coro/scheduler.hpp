// coroscope test stub for coro::scheduler (libcoro v0.16.0; named coro::io_scheduler up to
// v0.15.0, made with io_scheduler::make_shared) -- our own code.
// Sleep: `co_await s->yield_for(100ms);` or `co_await s->schedule_after(100ms);`
//        (both coro::task<void>), `co_await s->yield_until(tp);` / `schedule_at(tp)`.
#pragma once
#include <coro/task.hpp>
#include <chrono>
#include <cstdint>
#include <memory>

namespace coro {
class scheduler {
 public:
  using clock = std::chrono::steady_clock;
  using time_point = clock::time_point;
  class schedule_operation {
   public:
    explicit schedule_operation(scheduler& s) noexcept : m_scheduler(s) {}
    auto await_ready() noexcept -> bool { return false; }
    auto await_suspend(std::coroutine_handle<> awaiting) noexcept -> void;
    auto await_resume() noexcept -> void {}
   private:
    scheduler& m_scheduler;
  };
  struct options {};
  static auto make_unique(options opts = options{}) -> std::unique_ptr<scheduler>;
  ~scheduler();

  auto process_events(std::chrono::milliseconds timeout = std::chrono::milliseconds{0})
      -> std::size_t;  // manual mode: blocks up to timeout
  auto schedule() -> schedule_operation { return schedule_operation{*this}; }
  auto spawn_detached(coro::task<void>&& task) -> bool;
  auto spawn_joinable(coro::task<void>&& task) -> coro::task<void>;
  template <typename return_type>
  [[nodiscard]] auto schedule(coro::task<return_type> task) -> coro::task<return_type>;
  template <class rep, class period>
  [[nodiscard]] auto schedule_after(std::chrono::duration<rep, period> amount) -> coro::task<void>;
  [[nodiscard]] auto schedule_at(time_point time) -> coro::task<void>;
  [[nodiscard]] auto yield() -> schedule_operation { return schedule_operation{*this}; }
  template <class rep, class period>
  [[nodiscard]] auto yield_for(std::chrono::duration<rep, period> amount) -> coro::task<void>;
  [[nodiscard]] auto yield_until(time_point time) -> coro::task<void>;
  auto resume(std::coroutine_handle<> handle) -> bool;
  auto shutdown() noexcept -> void;  // blocks until drained
  [[nodiscard]] auto is_shutdown() const -> bool;
};
}  // namespace coro
