// coroscope test stub for coro::shared_mutex<executor_type> (libcoro v0.16.0) -- our own code.
// v0.16.0: lock()/lock_shared()/unlock()/unlock_shared() are ALL coro::task<void> to be
// co_awaited; the RAII-like form runs a task under the lock:
//   co_await m.scoped_lock(critical_section());  co_await m.scoped_lock_shared(reader());
// v0.9..v0.15: `auto lk = co_await m.lock();` returned coro::shared_scoped_lock<executor>
// (RAII), unlock()/unlock_shared() were void.
#pragma once
#include <coro/concepts/executor.hpp>
#include <coro/task.hpp>
#include <memory>

namespace coro {
template <concepts::executor executor_type>
class shared_mutex {
 public:
  explicit shared_mutex(std::unique_ptr<executor_type>& e);
  shared_mutex(const shared_mutex&) = delete;
  [[nodiscard]] auto scoped_lock_shared(coro::task<void> scoped_task) -> coro::task<void>;
  [[nodiscard]] auto scoped_lock(coro::task<void> scoped_task) -> coro::task<void>;
  [[nodiscard]] auto lock_shared() -> coro::task<void>;
  [[nodiscard]] auto lock() -> coro::task<void>;
  [[nodiscard]] auto try_lock_shared() -> bool;
  [[nodiscard]] auto try_lock() -> bool;
  [[nodiscard]] auto unlock_shared() -> coro::task<void>;
  [[nodiscard]] auto unlock() -> coro::task<void>;
};
}  // namespace coro
