// coroscope test stub for concurrencpp::runtime -- our own code.
// Destroying the runtime shuts every executor down (pending coroutines get broken_task).
#pragma once
#include <concurrencpp/executors/executor.h>
#include <concurrencpp/timers/timer_queue.h>
#include <cstddef>
#include <memory>
namespace concurrencpp {
struct runtime_options {
  std::size_t max_cpu_threads;
  std::size_t max_background_threads;
};
class runtime {
 public:
  runtime();
  explicit runtime(const runtime_options& options);
  ~runtime() noexcept;
  std::shared_ptr<concurrencpp::timer_queue> timer_queue() const noexcept;
  std::shared_ptr<concurrencpp::inline_executor> inline_executor() const noexcept;
  std::shared_ptr<concurrencpp::thread_pool_executor> thread_pool_executor() const noexcept;
  std::shared_ptr<concurrencpp::thread_pool_executor> background_executor() const noexcept;
  std::shared_ptr<concurrencpp::thread_executor> thread_executor() const noexcept;
  std::shared_ptr<concurrencpp::worker_thread_executor> make_worker_thread_executor();
  std::shared_ptr<concurrencpp::manual_executor> make_manual_executor();
};
}  // namespace concurrencpp
