// coroscope test stub: folly/coro/SharedMutex.h.
//   co_lock / unlock                       co_scoped_lock        -> std::unique_lock<SharedMutexFair>
//   co_lock_shared / unlock_shared         co_scoped_lock_shared -> SharedLock<SharedMutexFair>
//   co_lock_upgrade / unlock_upgrade       co_scoped_lock_upgrade-> UpgradeLock<SharedMutexFair>
#pragma once
#include <mutex>
#include <folly/Executor.h>
#include <folly/coro/Coroutine.h>
#include <folly/coro/SharedLock.h>
namespace folly::coro {
class SharedMutexFair {
  template <typename Result>
  struct Awaiter {
    SharedMutexFair* mutex_;
    bool await_ready() noexcept;
    bool await_suspend(coroutine_handle<>) noexcept;
    Result await_resume() noexcept;
  };
  template <typename Result>
  class LockOperation {  // semi-awaitable
   public:
    explicit LockOperation(SharedMutexFair& m) noexcept : mutex_(&m) {}
    Awaiter<Result> viaIfAsync(Executor::KeepAlive<>) const { return {mutex_}; }
   private:
    SharedMutexFair* mutex_;
  };

 public:
  SharedMutexFair() noexcept = default;
  SharedMutexFair(const SharedMutexFair&) = delete;
  bool try_lock() noexcept;
  bool try_lock_shared() noexcept;
  bool try_lock_upgrade() noexcept;
  [[nodiscard]] LockOperation<void> co_lock() noexcept { return LockOperation<void>{*this}; }
  [[nodiscard]] LockOperation<std::unique_lock<SharedMutexFair>> co_scoped_lock() noexcept { return LockOperation<std::unique_lock<SharedMutexFair>>{*this}; }
  [[nodiscard]] LockOperation<void> co_lock_shared() noexcept { return LockOperation<void>{*this}; }
  [[nodiscard]] LockOperation<SharedLock<SharedMutexFair>> co_scoped_lock_shared() noexcept { return LockOperation<SharedLock<SharedMutexFair>>{*this}; }
  [[nodiscard]] LockOperation<void> co_lock_upgrade() noexcept { return LockOperation<void>{*this}; }
  [[nodiscard]] LockOperation<UpgradeLock<SharedMutexFair>> co_scoped_lock_upgrade() noexcept { return LockOperation<UpgradeLock<SharedMutexFair>>{*this}; }
  [[nodiscard]] LockOperation<void> co_unlock_upgrade_and_lock() noexcept { return LockOperation<void>{*this}; }
  [[nodiscard]] LockOperation<std::unique_lock<SharedMutexFair>> co_scoped_unlock_upgrade_and_lock() noexcept { return LockOperation<std::unique_lock<SharedMutexFair>>{*this}; }
  void unlock() noexcept;
  void unlock_shared() noexcept;
  void unlock_upgrade() noexcept;
  bool try_unlock_upgrade_and_lock() noexcept;
};
using SharedMutex = SharedMutexFair;
} // namespace folly::coro
