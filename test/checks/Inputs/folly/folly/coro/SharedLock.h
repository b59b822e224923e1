// coroscope test stub: folly/coro/SharedLock.h -- RAII holders released by
// unlock_shared() / unlock_upgrade() in their destructors.
#pragma once
#include <mutex>
namespace folly::coro {
template <typename Mutex>
class [[nodiscard]] SharedLock {
 public:
  SharedLock() noexcept = default;
  SharedLock(Mutex& m, std::adopt_lock_t) noexcept;
  SharedLock(SharedLock&&) noexcept;
  ~SharedLock();  // m.unlock_shared() if owned
  void unlock();
  bool owns_lock() const noexcept;
};
template <typename Mutex>
class [[nodiscard]] UpgradeLock {
 public:
  UpgradeLock() noexcept = default;
  UpgradeLock(Mutex& m, std::adopt_lock_t) noexcept;
  UpgradeLock(UpgradeLock&&) noexcept;
  ~UpgradeLock();  // m.unlock_upgrade() if owned
  void unlock();
  bool owns_lock() const noexcept;
};
} // namespace folly::coro
