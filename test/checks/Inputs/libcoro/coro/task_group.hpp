// coroscope test stub for coro::task_group<executor> (libcoro v0.16.0) -- our own code.
// A scope: start(task) runs the task on the executor (detached, counted); `co_await group;`
// waits until all started tasks finished.  ~task_group() BUSY-WAITS the calling thread
// (sleep_for(10ms) loop) until empty -- destroying an un-awaited group inside a coroutine
// blocks an executor thread.  History: coro::task_container (<= v0.13.0, and re-added
// 2025-06 .. 2025-11) with start(task) and `co_await tc.garbage_collect_and_yield_until_empty()`
// (<= v0.12) / `co_await tc.yield_until_empty()` (v0.13); renamed task_group 2025-11-26.
#pragma once
#include <coro/event.hpp>
#include <coro/task.hpp>
#include <atomic>
#include <cstdint>
#include <memory>

namespace coro {
template <typename executor_type>
class task_group {
 public:
  explicit task_group(executor_type* executor);
  explicit task_group(std::unique_ptr<executor_type>& executor) : task_group(executor.get()) {}
  explicit task_group(std::unique_ptr<executor_type>& executor, coro::task<void>&& task);
  task_group(const task_group&) = delete;
  ~task_group();  // while (!empty()) std::this_thread::sleep_for(10ms);
  [[nodiscard]] auto start(coro::task<void>&& task) -> bool;
  [[nodiscard]] auto size() const -> std::size_t;
  [[nodiscard]] auto empty() const -> bool;
  auto operator co_await() const noexcept -> event::awaiter;
};
}  // namespace coro
