// coroscope test stub for cppcoro::async_mutex -- our own code.
// Acquire/release: `co_await m.lock_async();` ... `m.unlock();`  (await_resume is void)
// RAII (correct): `auto lock = co_await m.scoped_lock_async();` -> cppcoro::async_mutex_lock,
// whose destructor calls unlock().  try_lock() is synchronous and also needs unlock().
#pragma once
#include <cppcoro/coroutine.hpp>
#include <mutex>  // std::adopt_lock_t

namespace cppcoro {
class async_mutex_lock;
class async_mutex_lock_operation;
class async_mutex_scoped_lock_operation;

class async_mutex {
 public:
  async_mutex() noexcept;
  ~async_mutex();
  bool try_lock() noexcept;
  async_mutex_lock_operation lock_async() noexcept;
  async_mutex_scoped_lock_operation scoped_lock_async() noexcept;
  void unlock();
};

class async_mutex_lock {
 public:
  explicit async_mutex_lock(async_mutex& m, std::adopt_lock_t) noexcept : m_mutex(&m) {}
  async_mutex_lock(async_mutex_lock&& o) noexcept : m_mutex(o.m_mutex) { o.m_mutex = nullptr; }
  async_mutex_lock(const async_mutex_lock&) = delete;
  async_mutex_lock& operator=(const async_mutex_lock&) = delete;
  ~async_mutex_lock() { if (m_mutex) m_mutex->unlock(); }
 private:
  async_mutex* m_mutex;
};

class async_mutex_lock_operation {
 public:
  explicit async_mutex_lock_operation(async_mutex& m) noexcept : m_mutex(m) {}
  bool await_ready() const noexcept { return false; }
  bool await_suspend(coroutine_handle<> awaiter) noexcept;
  void await_resume() const noexcept {}
 protected:
  async_mutex& m_mutex;
};

class async_mutex_scoped_lock_operation : public async_mutex_lock_operation {
 public:
  using async_mutex_lock_operation::async_mutex_lock_operation;
  [[nodiscard]] async_mutex_lock await_resume() const noexcept {
    return async_mutex_lock{m_mutex, std::adopt_lock};
  }
};
}  // namespace cppcoro
