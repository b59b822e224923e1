// coroscope test stub for cppcoro::static_thread_pool -- our own code.
// Offload: `co_await pool.schedule();` resumes the coroutine on a pool thread.
#pragma once
#include <cppcoro/coroutine.hpp>
#include <cstdint>
namespace cppcoro {
class static_thread_pool {
 public:
  static_thread_pool();
  explicit static_thread_pool(std::uint32_t threadCount);
  ~static_thread_pool();  // joins the worker threads
  class schedule_operation {
   public:
    explicit schedule_operation(static_thread_pool* tp) noexcept : m_threadPool(tp) {}
    bool await_ready() noexcept { return false; }
    void await_suspend(coroutine_handle<> awaitingCoroutine) noexcept;
    void await_resume() noexcept {}
   private:
    static_thread_pool* m_threadPool;
  };
  std::uint32_t thread_count() const noexcept;
  [[nodiscard]] schedule_operation schedule() noexcept { return schedule_operation{this}; }
};
}  // namespace cppcoro
