// coroscope test stub for coro::mutex (libcoro v0.15.0+) -- our own code.
// v0.15.0+: `co_await m.lock();` returns void -> pair with `m.unlock();`
//           `auto lk = co_await m.scoped_lock();` returns coro::scoped_lock (RAII, correct)
// v0.10..v0.14.x: `co_await m.lock()` itself returned coro::scoped_lock (no scoped_lock()).
// unlock() of an unlocked mutex throws std::runtime_error.
#pragma once
#include <atomic>
#include <coroutine>

namespace coro {
class mutex;
class condition_variable;

class scoped_lock {
  friend class coro::condition_variable;  // cv.wait() unlocks and re-locks it
 public:
  enum class lock_strategy { adopt };
  explicit scoped_lock(coro::mutex& m, lock_strategy = lock_strategy::adopt) : m_mutex(&m) {}
  ~scoped_lock();  // unlocks if still owning
  scoped_lock(const scoped_lock&) = delete;
  scoped_lock(scoped_lock&& o) noexcept : m_mutex(o.m_mutex) { o.m_mutex = nullptr; }
  auto operator=(scoped_lock&& o) noexcept -> scoped_lock&;
  auto unlock() -> void;  // early release
 private:
  coro::mutex* m_mutex = nullptr;
};

namespace detail {
template <typename return_type>
struct lock_operation {
  explicit lock_operation(coro::mutex& m) : m_mutex(m) {}
  auto await_ready() const noexcept -> bool;
  auto await_suspend(std::coroutine_handle<> awaiting) noexcept -> bool;
  auto await_resume() noexcept -> return_type {
    if constexpr (!std::is_void_v<return_type>) return scoped_lock{m_mutex};
  }
  coro::mutex& m_mutex;
};
}  // namespace detail

class mutex {
 public:
  explicit mutex() noexcept = default;
  mutex(const mutex&) = delete;
  [[nodiscard]] auto scoped_lock() -> detail::lock_operation<coro::scoped_lock> {
    return detail::lock_operation<coro::scoped_lock>{*this};
  }
  [[nodiscard]] auto lock() -> detail::lock_operation<void> {
    return detail::lock_operation<void>{*this};
  }
  [[nodiscard]] auto try_lock() -> bool;
  auto unlock() -> void;
 private:
  std::atomic<void*> m_state{nullptr};
};

inline scoped_lock::~scoped_lock() { if (m_mutex) m_mutex->unlock(); }
}  // namespace coro
