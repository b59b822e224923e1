// coroscope test stub: folly/coro/Mutex.h.
// co_lock()/co_scoped_lock() return [[nodiscard]] semi-awaitables (only a
// viaIfAsync member: awaitable inside folly::coro::Task/AsyncGenerator).
//   co_await m.co_lock(); ... m.unlock();              manual pair
//   auto lock = co_await m.co_scoped_lock();           std::unique_lock<Mutex>
//   if (m.try_lock()) { std::lock_guard<folly::coro::Mutex> g{m, std::adopt_lock}; }
#pragma once
#include <mutex>
#include <folly/Executor.h>
#include <folly/coro/Coroutine.h>
namespace folly::coro {
class Mutex {
  class LockAwaiter {
   public:
    explicit LockAwaiter(Mutex& m) noexcept : mutex_(m) {}
    bool await_ready() noexcept { return mutex_.try_lock(); }
    bool await_suspend(coroutine_handle<> awaiting) noexcept;
    void await_resume() noexcept {}
   protected:
    Mutex& mutex_;
  };
  class ScopedLockAwaiter : public LockAwaiter {
   public:
    using LockAwaiter::LockAwaiter;
    std::unique_lock<Mutex> await_resume() noexcept { return std::unique_lock<Mutex>{mutex_, std::adopt_lock}; }
  };
  template <typename Awaiter>
  class LockOperation {
   public:
    explicit LockOperation(Mutex& m) noexcept : mutex_(m) {}
    Awaiter viaIfAsync(Executor::KeepAlive<>) const { return Awaiter{mutex_}; }
   private:
    Mutex& mutex_;
  };

 public:
  Mutex() noexcept;
  Mutex(const Mutex&) = delete;
  ~Mutex();
  bool try_lock() noexcept;
  [[nodiscard]] LockOperation<ScopedLockAwaiter> co_scoped_lock() noexcept { return LockOperation<ScopedLockAwaiter>{*this}; }
  [[nodiscard]] LockOperation<LockAwaiter> co_lock() noexcept { return LockOperation<LockAwaiter>{*this}; }
  void unlock() noexcept;
};
} // namespace folly::coro
