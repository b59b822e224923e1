// coroscope test stub for coro::latch -- our own code.  `co_await l;`  `l.count_down();`
#pragma once
#include <coro/event.hpp>
#include <cstdint>
namespace coro {
class latch {
 public:
  explicit latch(std::int64_t count) noexcept;
  auto is_ready() const noexcept -> bool;
  auto remaining() const noexcept -> std::size_t;
  auto count_down(std::int64_t n = 1) noexcept -> void;
  auto operator co_await() const noexcept -> event::awaiter;
};
}  // namespace coro
