// coroscope test stub for cppcoro::async_scope -- our own code.
// spawn(awaitable) starts it EAGERLY in a detached one-way coroutine (an exception escaping
// the spawned awaitable calls std::terminate).  `co_await scope.join();` must be awaited
// before the scope is destroyed: ~async_scope() only does `assert(joined)` -- in a release
// build an unjoined scope is destroyed silently while spawned work still refers to it (UB).
#pragma once
#include <cppcoro/coroutine.hpp>
#include <atomic>
#include <cstddef>

namespace cppcoro {
class async_scope {
 public:
  async_scope() noexcept = default;
  ~async_scope();  // assert(m_continuation): join() was awaited
  template <typename AWAITABLE>
  void spawn(AWAITABLE&& awaitable);

  struct join_awaiter {
    bool await_ready() noexcept;
    bool await_suspend(coroutine_handle<> continuation) noexcept;
    void await_resume() noexcept {}
  };
  [[nodiscard]] join_awaiter join() noexcept;

 private:
  std::atomic<std::size_t> m_count{1};
  coroutine_handle<> m_continuation;
};
}  // namespace cppcoro
