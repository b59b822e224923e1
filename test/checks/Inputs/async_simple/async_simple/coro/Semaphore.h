// coroscope test stub for async_simple::coro::CountingSemaphore -- our own code.
// acquire() and release() are BOTH Lazy<void>: `co_await s.acquire(); ... co_await s.release();`
// (`s.release();` without co_await releases nothing).  No RAII guard exists.
#pragma once
#include <async_simple/coro/Lazy.h>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace async_simple::coro {
template <std::size_t LeastMaxValue = std::numeric_limits<std::uint32_t>::max()>
class CountingSemaphore {
 public:
  explicit CountingSemaphore(std::size_t desired) : count_(desired) {}
  CountingSemaphore(const CountingSemaphore&) = delete;
  static constexpr std::size_t max() noexcept { return LeastMaxValue; }
  Lazy<void> acquire() noexcept;
  Lazy<void> release(std::size_t update = 1) noexcept;
  Lazy<bool> try_acquire() noexcept;
 private:
  std::size_t count_;
};
using BinarySemaphore = CountingSemaphore<1>;
}  // namespace async_simple::coro
