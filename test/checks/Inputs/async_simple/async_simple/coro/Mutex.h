// coroscope test stub for async_simple::coro::Mutex -- our own code.
// Pair: `co_await m.coLock();` ... `m.unlock();`
// RAII (correct): `auto lk = co_await m.coScopedLock();` -> std::unique_lock<coro::Mutex>.
// No cancellation support (a waiter is never woken by a Signal).
#pragma once
#include <atomic>
#include <coroutine>
#include <mutex>

namespace async_simple::coro {
class Mutex {
  class LockAwaiter {
   public:
    explicit LockAwaiter(Mutex& m) noexcept : _mutex(m) {}
    bool await_ready() noexcept;
    bool await_suspend(std::coroutine_handle<> awaiting) noexcept;
    void await_resume() noexcept {}
   protected:
    Mutex& _mutex;
  };
  class ScopedLockAwaiter : public LockAwaiter {
   public:
    using LockAwaiter::LockAwaiter;
    [[nodiscard]] std::unique_lock<Mutex> await_resume() noexcept {
      return std::unique_lock<Mutex>{_mutex, std::adopt_lock};
    }
  };
 public:
  Mutex() noexcept = default;
  Mutex(const Mutex&) = delete;
  bool tryLock() noexcept;
  [[nodiscard]] ScopedLockAwaiter coScopedLock() noexcept { return ScopedLockAwaiter{*this}; }
  [[nodiscard]] LockAwaiter coLock() noexcept { return LockAwaiter{*this}; }
  void unlock() noexcept;
 private:
  std::atomic<void*> _state{nullptr};
};
}  // namespace async_simple::coro
