// coroscope test stub: folly/fibers/Semaphore.h.
// co_wait()/signal() is the coroutine pair (no RAII holder exists);
// wait() BLOCKS the thread outside a fiber; co_wait() throws
// folly::OperationCancelled when cancelled while waiting.
#pragma once
#include <cstddef>
#include <folly/Unit.h>
#include <folly/coro/Task.h>
#include <folly/futures/Future.h>
namespace folly::fibers {
class Semaphore {
 public:
  explicit Semaphore(std::size_t tokenCount);
  Semaphore(const Semaphore&) = delete;
  void signal();
  void wait();       // blocking (fiber-blocking on a fiber, thread-blocking otherwise)
  bool try_wait();
  coro::Task<void> co_wait();
  template <typename Duration>
  coro::Task<void> co_try_wait_for(Duration timeout);
  SemiFuture<Unit> future_wait();
  std::size_t getCapacity() const;
  std::size_t getAvailableTokens() const;
};
} // namespace folly::fibers
