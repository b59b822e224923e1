// coroscope/detail/wait.hpp - the suspension shared by every awaitable that
// waits on the loop (timers, fds, locks, events, worker threads): it is a
// cancellation point, and a stop request wakes it at once.
#ifndef COROSCOPE_DETAIL_WAIT_HPP
#define COROSCOPE_DETAIL_WAIT_HPP

#include <coroscope/detail/intrusive_list.hpp>
#include <coroscope/detail/loop.hpp>
#include <coroscope/detail/stop.hpp>
#include <coroscope/task.hpp>

#include <coroutine>

namespace coroscope::detail {

/// Derived (an awaitable, or the part of one that waits) implements
/// `void withdraw() noexcept`, which takes it out of whatever it waits in.
/// Suspending calls stopped_before_suspending() first, then suspend() once
/// it is queued; whatever completes the wait calls wake(); await_resume
/// calls throw_if_cancelled().
template <class Derived>
class cancellable_wait : private stop_hook {
public:
  /// The wait completed: resume the task on the loop.
  void wake() noexcept {
    disarm();
    loop_->call_soon(coroutine_);
  }

protected:
  cancellable_wait() noexcept : stop_hook(&on_stop) {}

  /// True (and then await_resume throws) when the awaiting task is already
  /// cancelled: the operation must not even start.
  template <class Promise>
  bool stopped_before_suspending(std::coroutine_handle<Promise> self) noexcept {
    token_ = awaiting_promise(self).token;
    cancelled_ = token_.stop_requested();
    return cancelled_;
  }

  void suspend(std::coroutine_handle<> self) {
    coroutine_ = self;
    loop_ = &event_loop::current();
    arm(token_);
  }

  void throw_if_cancelled() const {
    if (cancelled_)
      throw cancelled();
  }

  event_loop& loop() const noexcept { return *loop_; }

private:
  static void on_stop(stop_hook& hook) noexcept {
    auto& self = static_cast<Derived&>(static_cast<cancellable_wait&>(hook));
    self.withdraw();
    self.cancelled_ = true;
    self.loop_->call_soon(self.coroutine_);
  }

  stop_token token_;
  std::coroutine_handle<> coroutine_;
  event_loop* loop_ = nullptr;
  bool cancelled_ = false;
};

/// A cancellable wait in a FIFO queue: a waiter of a lock, a semaphore or
/// an event. A cancelled waiter unlinks itself and leaves no trace. Those
/// awaitables complete at once when they can, so they construct one only
/// when they have to wait.
class queued_wait : public cancellable_wait<queued_wait>, public list_node<queued_wait> {
public:
  /// Queues the task at the end of \p queue until wake(); false (and no
  /// suspension) when the task is already cancelled.
  template <class Promise>
  bool suspend_in(intrusive_list<queued_wait>& queue, std::coroutine_handle<Promise> self) {
    if (stopped_before_suspending(self))
      return false;
    queue.push_back(*this);
    suspend(self);
    return true;
  }
  using cancellable_wait::throw_if_cancelled;

private:
  friend cancellable_wait<queued_wait>;
  void withdraw() noexcept { list_node<queued_wait>::unlink(); }
};

using wait_queue = intrusive_list<queued_wait>;

} // namespace coroscope::detail

#endif
