// coroscope test stub for coro::semaphore<max> (libcoro v0.16.0) -- our own code.
// v0.16.0: acquire() AND release() are [[nodiscard]] coro::task<...>: BOTH must be
// co_awaited (`sem.release();` without co_await releases nothing -- the lazy task is dropped).
// v0.15.0: release() was `void`, acquire() returned an awaiter.  v0.10..v0.14: non-template
// coro::semaphore, acquire() -> acquire_result {acquired, semaphore_stopped}, release() void.
// Shutdown is reported as a value, not an exception: semaphore_acquire_result::shutdown.
// No RAII guard exists in libcoro for semaphores.
#pragma once
#include <coro/task.hpp>
#include <cstddef>
#include <string>

namespace coro {
enum class semaphore_acquire_result { acquired, shutdown };
auto to_string(semaphore_acquire_result result) -> const std::string&;

template <std::ptrdiff_t max_value>
class semaphore {
 public:
  explicit semaphore(std::ptrdiff_t starting_value);
  ~semaphore();  // sync_wait(shutdown())
  semaphore(const semaphore&) = delete;
  [[nodiscard]] auto acquire() -> coro::task<semaphore_acquire_result>;
  [[nodiscard]] auto release() -> coro::task<void>;
  auto try_acquire() -> bool;
  [[nodiscard]] static constexpr auto max() noexcept -> std::ptrdiff_t { return max_value; }
  [[nodiscard]] auto value() const noexcept -> std::ptrdiff_t;
  [[nodiscard]] auto shutdown() noexcept -> coro::task<void>;
  [[nodiscard]] auto is_shutdown() const -> bool;
};
}  // namespace coro
