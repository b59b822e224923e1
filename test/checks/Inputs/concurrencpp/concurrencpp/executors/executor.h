// coroscope test stub for concurrencpp executors (v0.1.7) -- our own code.
// post(f): fire and forget (throws errors::runtime_shutdown after shutdown);
// submit(f) -> result<R> (eager; co_await it).  manual_executor::loop*/wait_for_task*
// BLOCK the calling thread.  shutdown() joins worker threads.
#pragma once
#include <concurrencpp/results/result.h>
#include <chrono>
#include <cstddef>
#include <string_view>
#include <type_traits>

namespace concurrencpp {
class executor {
 public:
  explicit executor(std::string_view name);
  virtual ~executor() noexcept = default;
  virtual int max_concurrency_level() const noexcept = 0;
  virtual bool shutdown_requested() const = 0;
  virtual void shutdown() = 0;
  template <class callable_type, class... argument_types>
  void post(callable_type&& callable, argument_types&&... arguments) {
    (void)callable;
    ((void)arguments, ...);
  }
  template <class callable_type, class... argument_types>
  auto submit(callable_type&& callable, argument_types&&... arguments)
      -> result<std::invoke_result_t<callable_type, argument_types...>> {
    (void)callable;
    ((void)arguments, ...);
    return {};
  }
};
class thread_pool_executor : public executor {
 public:
  int max_concurrency_level() const noexcept override;
  bool shutdown_requested() const override;
  void shutdown() override;
};
class thread_executor : public thread_pool_executor {};
class worker_thread_executor : public thread_pool_executor {};
class inline_executor : public thread_pool_executor {};
class manual_executor : public thread_pool_executor {
 public:
  std::size_t size() const;
  bool empty() const;
  std::size_t clear();
  bool loop_once();
  bool loop_once_for(std::chrono::milliseconds max_waiting_time);
  std::size_t loop(std::size_t max_count);
  std::size_t loop_for(std::size_t max_count, std::chrono::milliseconds max_waiting_time);
  void wait_for_task();
  bool wait_for_task_for(std::chrono::milliseconds max_waiting_time);
  void wait_for_tasks(std::size_t count);
  std::size_t wait_for_tasks_for(std::size_t count, std::chrono::milliseconds max_waiting_time);
};
}  // namespace concurrencpp
