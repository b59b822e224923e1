// coroscope test stub for async_simple::coro::ConditionVariable<Lock> -- our own code.
// `co_await cv.wait(mutex, pred);` takes the MUTEX itself (argument 1: a coro::Mutex or
// coro::SpinLock that the caller holds), UNLOCKS it while suspended (adopting it into a
// std::unique_lock in await_suspend) and re-acquires it with `co_await mutex.coLock()`
// before re-checking pred.  Holding the lock (coLock or coScopedLock) across this co_await
// is the library's documented pattern.  notify()/notifyOne()/notifyAll() are plain calls.
// ConditionVariable<void> is a one-shot notifier: `co_await cv.wait();`  `cv.notify();`
#pragma once
#include <async_simple/coro/Lazy.h>
#include <coroutine>

namespace async_simple::coro {
template <class Lock>
class ConditionVariable {
 public:
  ConditionVariable() noexcept {}
  ConditionVariable(const ConditionVariable&) = delete;
  void notify() noexcept { notifyAll(); }
  void notifyOne() noexcept;
  void notifyAll() noexcept;
  template <class Pred>
  Lazy<> wait(Lock& lock, Pred&& pred) noexcept {
    (void)lock;
    (void)pred;
    co_return;  // real: while (!pred()) { co_await <unlock+suspend>; co_await lock.coLock(); }
  }
};
class ConditionVariableAwaiterVoid {
 public:
  bool await_ready() const noexcept;
  bool await_suspend(std::coroutine_handle<> continuation) noexcept;
  void await_resume() const noexcept {}
};
template <>
class ConditionVariable<void> {
 public:
  ConditionVariable() noexcept {}
  void notify() noexcept;
  ConditionVariableAwaiterVoid wait() noexcept;
  void reset() noexcept;
};
using Notifier = ConditionVariable<void>;
}  // namespace async_simple::coro
