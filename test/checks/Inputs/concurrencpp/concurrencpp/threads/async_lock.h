// coroscope test stub for concurrencpp::async_lock / scoped_async_lock -- our own code.
// RAII (correct, and the only way lock() works):
//   concurrencpp::scoped_async_lock guard = co_await lock.lock(resume_executor);
// `co_await lock.lock(ex);` with the guard discarded unlocks again at once.
// Manual pairs: async_lock::try_lock() (lazy_result<bool>) ... async_lock::unlock();
//   scoped_async_lock g(lock, std::defer_lock); co_await g.lock(ex); ... g.unlock();
//   guard.release() hands the responsibility to a manual async_lock::unlock().
#pragma once
#include <concurrencpp/executors/executor.h>
#include <concurrencpp/results/lazy_result.h>
#include <memory>
#include <mutex>  // std::defer_lock_t, std::adopt_lock_t

namespace concurrencpp {
class scoped_async_lock;
class async_lock {
 public:
  ~async_lock() noexcept;
  lazy_result<scoped_async_lock> lock(std::shared_ptr<executor> resume_executor);
  lazy_result<bool> try_lock();
  void unlock();
};
class scoped_async_lock {
 public:
  scoped_async_lock() noexcept = default;
  scoped_async_lock(scoped_async_lock&& rhs) noexcept;
  scoped_async_lock(async_lock& lock, std::defer_lock_t) noexcept;
  scoped_async_lock(async_lock& lock, std::adopt_lock_t) noexcept;
  ~scoped_async_lock() noexcept;  // unlocks if owning
  lazy_result<void> lock(std::shared_ptr<executor> resume_executor);
  lazy_result<bool> try_lock();
  void unlock();
  bool owns_lock() const noexcept;
  explicit operator bool() const noexcept;
  void swap(scoped_async_lock& rhs) noexcept;
  async_lock* release() noexcept;
  async_lock* mutex() const noexcept;
};
}  // namespace concurrencpp
