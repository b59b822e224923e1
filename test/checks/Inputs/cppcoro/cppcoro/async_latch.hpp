// coroscope test stub for cppcoro::async_latch -- our own code.  `co_await latch;`
#pragma once
#include <cppcoro/async_manual_reset_event.hpp>
#include <cstddef>
namespace cppcoro {
class async_latch {
 public:
  explicit async_latch(std::ptrdiff_t initialCount) noexcept;
  bool is_ready() const noexcept;
  void count_down(std::ptrdiff_t n = 1) noexcept;
  async_manual_reset_event_operation operator co_await() const noexcept;
};
}  // namespace cppcoro
