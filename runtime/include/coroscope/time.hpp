// coroscope/time.hpp - sleeping and timeouts on the loop's clock.
//
// Python: asyncio.sleep, asyncio.timeout / asyncio.timeout_at and TimeoutError.
// The clock is std::chrono::steady_clock; the loop wakes for timers with
// millisecond resolution (never early).
#ifndef COROSCOPE_TIME_HPP
#define COROSCOPE_TIME_HPP

#include <coroscope/cancel.hpp>
#include <coroscope/detail/loop.hpp>
#include <coroscope/detail/wait.hpp>
#include <coroscope/task.hpp>

#include <chrono>
#include <coroutine>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace coroscope {

/// Thrown by timeout() when its deadline passed and the operation ended in
/// the cancellation that the timeout caused: asyncio's TimeoutError. A
/// cancellation that came from outside stays a cancelled.
class timeout_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

namespace detail {

using time_point = std::chrono::steady_clock::time_point;

/// now + \p delay, saturating instead of overflowing (sleep_for(hours::max())).
template <class Rep, class Period>
time_point deadline_after(std::chrono::duration<Rep, Period> delay) {
  const time_point now = std::chrono::steady_clock::now();
  if (std::chrono::duration<double>(delay) >= std::chrono::duration<double>(time_point::max() - now))
    return time_point::max();
  return now + std::chrono::ceil<std::chrono::steady_clock::duration>(delay);
}

/// A sleep's wait for its deadline in the loop's timer heap.
class timer_wait : public cancellable_wait<timer_wait>, private timer {
public:
  timer_wait() noexcept : timer(&on_fire) {}
  timer_wait(timer_wait&&) noexcept = default;
  ~timer_wait() {
    if (pending())
      loop().cancel_timer(*this);
  }

  /// False (and no suspension) when the task is already cancelled.
  template <class Promise>
  bool suspend_until(time_point deadline, std::coroutine_handle<Promise> self) {
    if (stopped_before_suspending(self))
      return false;
    this->deadline = deadline;
    suspend(self);
    loop().add_timer(*this);
    return true;
  }
  using cancellable_wait::throw_if_cancelled;

private:
  friend cancellable_wait<timer_wait>;
  void withdraw() noexcept { loop().cancel_timer(*this); }
  static void on_fire(timer& expired) noexcept { static_cast<timer_wait&>(expired).wake(); }
};

class [[nodiscard]] sleep_awaitable {
public:
  /// Without a deadline the sleep only yields to the loop: asyncio.sleep(0).
  explicit sleep_awaitable(std::optional<time_point> deadline) noexcept : deadline_(deadline) {}

  bool await_ready() const noexcept { return false; }
  template <class Promise>
  bool await_suspend(std::coroutine_handle<Promise> self) {
    if (deadline_)
      return wait_.emplace().suspend_until(*deadline_, self);
    // A yield is resumed on the next iteration anyway: no timer, no stop hook.
    cancelled_ = awaiting_promise(self).token.stop_requested();
    if (cancelled_)
      return false;
    event_loop::current().call_soon(self);
    return true;
  }
  void await_resume() const {
    if (cancelled_)
      throw cancelled();
    if (wait_)
      wait_->throw_if_cancelled();
  }

private:
  std::optional<time_point> deadline_;
  std::optional<timer_wait> wait_;
  bool cancelled_ = false;
};

/// Runs a task under a stop source of its own that a timer stops at the
/// deadline; turns the resulting cancellation into timeout_error.
template <class T>
class [[nodiscard]] timeout_awaitable : public scoped_task_awaiter<T>, private timer {
public:
  timeout_awaitable(task<T> work, time_point deadline, const char* name, const char* message)
      : scoped_task_awaiter<T>(std::move(work), name), timer(&on_fire), message_(message) {
    this->deadline = deadline;
  }
  /// Only before it is awaited, like every awaitable.
  timeout_awaitable(timeout_awaitable&& other) noexcept
      : scoped_task_awaiter<T>(std::move(other)), timer(&on_fire), message_(other.message_) {
    this->deadline = other.deadline;
  }
  ~timeout_awaitable() {
    if (pending())
      loop_->cancel_timer(*this);
  }

  template <class Promise>
  auto await_suspend(std::coroutine_handle<Promise> parent) {
    outer_ = awaiting_promise(parent).token;
    loop_ = &event_loop::current();
    loop_->add_timer(*this);
    scope_.emplace(outer_);
    return this->start_under(parent, scope_->get_token());
  }
  T await_resume() {
    loop_->cancel_timer(*this);
    if (expired_ && !outer_.stop_requested() && is_cancellation(this->exception()))
      throw timeout_error(message_);
    return scoped_task_awaiter<T>::await_resume();
  }

private:
  static void on_fire(timer& expired) noexcept {
    auto& self = static_cast<timeout_awaitable&>(expired);
    self.expired_ = true;
    self.scope_->request_stop();
  }

  const char* message_;
  stop_token outer_;
  std::optional<stop_source> scope_;
  event_loop* loop_ = nullptr;
  bool expired_ = false;
};

template <class A>
using timeout_awaitable_for = timeout_awaitable<await_result_t<std::remove_cvref_t<A>>>;

} // namespace detail

/// `co_await sleep_for(d)` suspends the task for at least \p delay:
/// asyncio.sleep. A cancellation point; a stop request wakes it at once.
/// A zero or negative delay yields to the loop once, like asyncio.sleep(0).
template <class Rep, class Period>
detail::sleep_awaitable sleep_for(std::chrono::duration<Rep, Period> delay) {
  if (delay <= delay.zero())
    return detail::sleep_awaitable(std::nullopt);
  return detail::sleep_awaitable(detail::deadline_after(delay));
}

/// As sleep_for, until \p deadline (which may have passed: then it yields).
inline detail::sleep_awaitable sleep_until(std::chrono::steady_clock::time_point deadline) noexcept {
  return detail::sleep_awaitable(deadline);
}

/// `co_await timeout(d, work)` awaits \p work (a task or any awaitable) and
/// gives its result, but cancels it once \p delay has passed and then throws
/// timeout_error instead of the cancelled it ended with: asyncio.timeout.
/// Work that finishes despite the cancellation keeps its result, and a
/// cancellation of the awaiting task itself propagates as cancelled.
template <class Rep, class Period, class A>
  requires detail::awaitable<A>
detail::timeout_awaitable_for<A> timeout(std::chrono::duration<Rep, Period> delay, A&& work) {
  return {detail::to_task(std::forward<A>(work)), detail::deadline_after(delay),
          "coroscope::timeout", "coroscope::timeout: the operation did not finish in time"};
}

/// As timeout, with an absolute deadline: asyncio.timeout_at.
template <class A>
  requires detail::awaitable<A>
detail::timeout_awaitable_for<A> timeout_at(std::chrono::steady_clock::time_point deadline,
                                            A&& work) {
  return {detail::to_task(std::forward<A>(work)), deadline, "coroscope::timeout_at",
          "coroscope::timeout_at: the operation did not finish by its deadline"};
}

} // namespace coroscope

#endif
