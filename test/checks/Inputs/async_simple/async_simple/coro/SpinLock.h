// coroscope test stub for async_simple::coro::SpinLock -- our own code.
// Awaitable: `co_await s.coLock();` (Lazy<>; cancellable: SignalException) ... `s.unlock();`
//            `auto lk = co_await s.coScopedLock();` -> std::unique_lock<SpinLock> (RAII)
// BLOCKING: lock() spins the thread (std::this_thread::yield); ScopedSpinLock(s) calls lock().
#pragma once
#include <async_simple/coro/Lazy.h>
#include <atomic>
#include <cstdint>
#include <mutex>

namespace async_simple::coro {
class SpinLock {
 public:
  explicit SpinLock(std::int32_t count = 1024) noexcept : _spinCount(count) {}
  bool tryLock() noexcept;
  Lazy<> coLock();
  void lock() noexcept;
  void unlock() noexcept;
  [[nodiscard]] Lazy<std::unique_lock<SpinLock>> coScopedLock();
 private:
  std::int32_t _spinCount;
  std::atomic<bool> _locked{false};
};
class ScopedSpinLock {
 public:
  explicit ScopedSpinLock(SpinLock& lock) : _lock(lock) { _lock.lock(); }
  ~ScopedSpinLock() { _lock.unlock(); }
  ScopedSpinLock(const ScopedSpinLock&) = delete;
 private:
  SpinLock& _lock;
};
}  // namespace async_simple::coro
