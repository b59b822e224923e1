// coroscope test stub for coro::thread_pool (libcoro v0.16.0) -- our own code.
// Offload: `co_await tp->schedule();` (throws std::runtime_error once shut down).
// Detach on purpose: tp->spawn_detached(std::move(task)) (v0.14/v0.15: spawn()).
// shutdown() BLOCKS until in-flight tasks finish and joins the threads.
#pragma once
#include <coro/task.hpp>
#include <cstdint>
#include <memory>

namespace coro {
class thread_pool {
 public:
  class schedule_operation {
   public:
    explicit schedule_operation(thread_pool& tp) noexcept : m_thread_pool(tp) {}
    auto await_ready() noexcept -> bool { return false; }
    auto await_suspend(std::coroutine_handle<> awaiting) noexcept -> void;
    auto await_resume() noexcept -> void {}
   private:
    thread_pool& m_thread_pool;
  };
  struct options { std::uint32_t thread_count = 1; };
  static auto make_unique() -> std::unique_ptr<thread_pool>;
  static auto make_unique(options opts) -> std::unique_ptr<thread_pool>;
  ~thread_pool();
  [[nodiscard]] auto thread_count() const noexcept -> std::size_t;
  [[nodiscard]] auto schedule() -> schedule_operation;
  auto spawn_detached(coro::task<void>&& task) noexcept -> bool;
  auto spawn_joinable(coro::task<void>&& task) noexcept -> coro::task<void>;
  template <typename return_type>
  [[nodiscard]] auto schedule(coro::task<return_type> task) -> coro::task<return_type>;
  auto resume(std::coroutine_handle<> handle) noexcept -> bool;
  [[nodiscard]] auto yield() -> schedule_operation;
  auto shutdown() noexcept -> void;
  [[nodiscard]] auto is_shutdown() const -> bool;
  auto size() const noexcept -> std::size_t;
  auto empty() const noexcept -> bool;
};
}  // namespace coro
