// coroscope test stub for async_simple::coro::Latch -- our own code.
// count_down() is a Lazy: `co_await latch.count_down();`, `co_await latch.wait();`
#pragma once
#include <async_simple/coro/Lazy.h>
#include <cstddef>
namespace async_simple::coro {
class Latch {
 public:
  explicit Latch(std::size_t count) : count_(count) {}
  Latch(const Latch&) = delete;
  Lazy<void> count_down(std::size_t update = 1);
  Lazy<bool> try_wait() const noexcept;
  Lazy<void> wait() const noexcept;
  Lazy<void> arrive_and_wait(std::size_t update = 1) noexcept;
 private:
  std::size_t count_;
};
}  // namespace async_simple::coro
