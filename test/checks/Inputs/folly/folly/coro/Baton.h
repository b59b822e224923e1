// coroscope test stub: folly/coro/Baton.h -- `co_await baton` suspends until
// post(); not cancellation-aware.
#pragma once
#include <folly/coro/Coroutine.h>
namespace folly::coro {
class Baton {
 public:
  class WaitOperation {
   public:
    explicit WaitOperation(const Baton& b) noexcept : baton_(b) {}
    bool await_ready() const noexcept { return baton_.ready(); }
    bool await_suspend(coroutine_handle<> awaiting) noexcept;
    void await_resume() noexcept {}
   private:
    const Baton& baton_;
  };
  explicit Baton(bool initiallySignalled = false) noexcept;
  ~Baton();
  bool ready() const noexcept;
  [[nodiscard]] WaitOperation operator co_await() const noexcept { return WaitOperation{*this}; }
  void post() noexcept;
  void reset() noexcept;
};
} // namespace folly::coro
