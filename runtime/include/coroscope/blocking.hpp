// coroscope/blocking.hpp - run_blocking(): blocking work off the loop.
//
// Python: `await loop.run_in_executor(None, fn)` / asyncio.to_thread(fn).
// The loop thread must never block (a blocking call stalls every task), so
// blocking calls (file I/O, sleep, joining, a blocking library) go to a pool
// of worker threads owned by the loop.
#ifndef COROSCOPE_BLOCKING_HPP
#define COROSCOPE_BLOCKING_HPP

#include <coroscope/detail/loop.hpp>
#include <coroscope/detail/outcome.hpp>
#include <coroscope/detail/wait.hpp>

#include <atomic>
#include <coroutine>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace coroscope::detail {

template <class F>
class [[nodiscard]] blocking_awaitable : public cancellable_wait<blocking_awaitable<F>> {
  using result_type = std::invoke_result_t<F>;

  /// Shared by the awaiting task and the worker, which may outlive it.
  struct job {
    explicit job(F&& fn) : fn(std::move(fn)) {}
    std::optional<F> fn;         // moved out by the worker
    outcome<result_type> result; // written by the worker before it posts back
    std::atomic<bool> claimed{false}; // by the worker, or by a cancelled awaiter
    blocking_awaitable* waiter = nullptr; // loop thread only
  };

public:
  explicit blocking_awaitable(F fn) : fn_(std::move(fn)) {}
  blocking_awaitable(blocking_awaitable&&) = default;
  ~blocking_awaitable() {
    if (job_)
      job_->waiter = nullptr;
  }

  bool await_ready() const noexcept { return false; }
  template <class Promise>
  bool await_suspend(std::coroutine_handle<Promise> self) {
    if (this->stopped_before_suspending(self))
      return false;
    job_ = std::make_shared<job>(std::move(fn_));
    this->suspend(self);
    job_->waiter = this;
    event_loop& loop = this->loop();
    loop.offload([shared = job_, &loop]() noexcept { run_on_worker(shared, loop); });
    return true;
  }
  result_type await_resume() {
    this->throw_if_cancelled();
    return std::move(job_->result).get();
  }

private:
  friend cancellable_wait<blocking_awaitable>;

  // Cancelled: a job no worker has taken yet never starts; one that runs
  // finishes in the background and its result is dropped.
  void withdraw() noexcept {
    job_->claimed.store(true, std::memory_order_relaxed);
    job_->waiter = nullptr;
  }

  static void run_on_worker(const std::shared_ptr<job>& shared, event_loop& loop) noexcept {
    if (shared->claimed.exchange(true, std::memory_order_relaxed))
      return;
    try {
      F fn = std::move(*shared->fn);
      shared->fn.reset();
      if constexpr (std::is_void_v<result_type>) {
        std::invoke(std::move(fn));
        shared->result.set_value();
      } else {
        shared->result.set_value(std::invoke(std::move(fn)));
      }
    } catch (...) {
      shared->result.set_exception(std::current_exception());
    }
    loop.call_soon_threadsafe([shared] {
      if (blocking_awaitable* waiter = shared->waiter)
        waiter->wake();
    });
  }

  F fn_;
  std::shared_ptr<job> job_;
};

} // namespace coroscope::detail

namespace coroscope {

/// `co_await run_blocking(fn)` calls \p fn() on a worker thread and resumes
/// the task on the loop thread with its result or exception.
///
/// A cancellation point. Cancelled, the task resumes at once (throwing
/// cancelled) while fn, if a worker already started it, finishes in the
/// background and its result is dropped; fn that has not started yet never
/// runs. So fn must own what it uses (capture by value): it may outlive the
/// task that awaited it. run() waits for such work before it returns.
template <class F>
  requires std::invocable<F> && std::move_constructible<F>
detail::blocking_awaitable<F> run_blocking(F fn) {
  return detail::blocking_awaitable<F>(std::move(fn));
}

} // namespace coroscope

#endif
