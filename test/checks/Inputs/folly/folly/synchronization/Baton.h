// coroscope test stub: folly/synchronization/Baton.h -- a THREAD baton:
// wait()/try_wait_for() block the calling thread (not for coroutines; there
// use folly::coro::Baton, folly/coro/Baton.h).
#pragma once
#include <atomic>
#include <chrono>
namespace folly {
template <bool MayBlock = true, template <typename> class Atom = std::atomic>
class Baton {
 public:
  constexpr Baton() noexcept = default;
  bool ready() const noexcept;
  void post() noexcept;
  void wait() noexcept;                                   // blocking
  template <typename Rep, typename Period>
  bool try_wait_for(const std::chrono::duration<Rep, Period>& timeout) noexcept;  // blocking
  void reset() noexcept;
};
} // namespace folly
