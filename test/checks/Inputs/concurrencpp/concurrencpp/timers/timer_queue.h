// coroscope test stub for concurrencpp::timer_queue -- our own code.
// Awaitable sleep: `co_await runtime.timer_queue()->make_delay_object(100ms, executor);`
// (lazy_result<void>; resumes on `executor`; throws errors::runtime_shutdown once the timer
// queue is shut down, errors::broken_task if the executor is).
#pragma once
#include <concurrencpp/executors/executor.h>
#include <concurrencpp/results/lazy_result.h>
#include <chrono>
#include <memory>
namespace concurrencpp {
class timer {
 public:
  void cancel();
};
class timer_queue {
 public:
  void shutdown();
  bool shutdown_requested() const noexcept;
  template <class callable_type, class... argument_types>
  timer make_timer(std::chrono::milliseconds due_time, std::chrono::milliseconds frequency,
                   std::shared_ptr<executor> executor, callable_type&& callable,
                   argument_types&&... arguments) {
    (void)due_time, (void)frequency, (void)executor, (void)callable, ((void)arguments, ...);
    return {};
  }
  template <class callable_type, class... argument_types>
  timer make_one_shot_timer(std::chrono::milliseconds due_time,
                            std::shared_ptr<executor> executor, callable_type&& callable,
                            argument_types&&... arguments) {
    (void)due_time, (void)executor, (void)callable, ((void)arguments, ...);
    return {};
  }
  lazy_result<void> make_delay_object(std::chrono::milliseconds due_time,
                                      std::shared_ptr<executor> executor);
};
}  // namespace concurrencpp
