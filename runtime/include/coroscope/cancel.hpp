// coroscope/cancel.hpp - cancellation: cancelled, stop tokens, shield().
//
// Python: asyncio.CancelledError and Task.cancel(). Every task carries a
// stop_token inherited from the task that awaits it; scopes (task_group,
// timeout) issue narrower tokens to their children. Once a task's token is
// stopped, every cancellation point it reaches throws cancelled, and a wait
// in progress wakes at once. A cancellation point is a co_await of a
// coroscope operation that has to wait: sleep_for (even of zero, which
// yields), wait_readable/wait_writable, run_blocking, and lock/acquire/wait
// when the lock is held, no permit is free or the event is not set (taking
// what is available at once completes, as in asyncio). Awaiting a task is
// not itself a cancellation point; the task's own operations are.
//
// Unlike asyncio, where CancelledError is delivered once, a stop request
// stays: a cancelled task that catches cancelled and awaits again is
// cancelled again. Cleanup that must wait therefore runs under shield().
#ifndef COROSCOPE_CANCEL_HPP
#define COROSCOPE_CANCEL_HPP

#include <coroscope/detail/stop.hpp>
#include <coroscope/task.hpp>

#include <coroutine>
#include <type_traits>
#include <utility>

namespace coroscope {
namespace detail {

[[noreturn]] void throw_awaitable_reused(const char* what);

/// Awaits an owned task under a token of the owner's choosing. Single use,
/// like the task it owns: awaiting it again (or after it was moved from)
/// throws std::logic_error naming \p what (e.g. "coroscope::timeout").
template <class T>
class scoped_task_awaiter {
public:
  explicit scoped_task_awaiter(task<T> child, const char* what = "coroscope awaitable")
      : task_(std::move(child)), awaiter_(task_access::start_once(task_)), what_(what) {}
  scoped_task_awaiter(scoped_task_awaiter&& other) noexcept
      : task_(std::move(other.task_)), awaiter_(other.awaiter_), what_(other.what_),
        used_(std::exchange(other.used_, true)) {}
  scoped_task_awaiter& operator=(scoped_task_awaiter&&) = delete;

  // Checked here rather than in await_suspend, which must not throw once
  // the awaiting coroutine counts as suspended.
  bool await_ready() const {
    if (used_)
      throw_awaitable_reused(what_);
    return false;
  }
  T await_resume() { return awaiter_.await_resume(); }

protected:
  auto start_under(std::coroutine_handle<> parent, stop_token token) noexcept {
    used_ = true;
    return awaiter_.start_under(parent, token);
  }
  std::exception_ptr exception() const noexcept { return awaiter_.exception(); }
  outcome<T>&& take_outcome() noexcept { return awaiter_.take_outcome(); }

private:
  task<T> task_;
  task_awaiter<T> awaiter_;
  const char* what_;
  bool used_ = false;
};

template <class T>
class [[nodiscard]] shielded : public scoped_task_awaiter<T> {
public:
  explicit shielded(task<T> work) : scoped_task_awaiter<T>(std::move(work), "coroscope::shield") {}
  auto await_suspend(std::coroutine_handle<> parent) noexcept {
    return this->start_under(parent, stop_token());
  }
};

/// Awaits a task under a given token and gives its outcome instead of
/// throwing: how the scopes await a body, and (under a token that never
/// stops) a cleanup, without a handler that could swallow cancellation.
template <class T>
class outcome_awaiter : public scoped_task_awaiter<T> {
public:
  outcome_awaiter(task<T> work, stop_token token)
      : scoped_task_awaiter<T>(std::move(work)), token_(token) {}
  auto await_suspend(std::coroutine_handle<> parent) noexcept {
    return this->start_under(parent, token_);
  }
  outcome<T> await_resume() noexcept { return this->take_outcome(); }

private:
  stop_token token_;
};

class [[nodiscard]] stop_token_query {
public:
  bool await_ready() const noexcept { return false; }
  template <class Promise>
  bool await_suspend(std::coroutine_handle<Promise> self) noexcept {
    token_ = awaiting_promise(self).token;
    return false;
  }
  stop_token await_resume() const noexcept { return token_; }

private:
  stop_token token_;
};

} // namespace detail

/// Runs \p work (a task or any awaitable) where the awaiting task's
/// cancellation cannot reach it: its token never stops (a timeout() inside
/// still works). Not a cancellation point itself, so
/// `co_await shield(cleanup())` runs the cleanup even in a task that is
/// already cancelled; the next unshielded cancellation point
/// after it throws cancelled again. This is how cleanup "runs shielded from
/// further cancellation". AnyIO's CancelScope(shield=True); asyncio.shield
/// differs in that the shielded work there continues after the awaiter left.
template <class A>
  requires detail::awaitable<A>
detail::shielded<detail::await_result_t<std::remove_cvref_t<A>>> shield(A&& work) {
  return detail::shielded<detail::await_result_t<std::remove_cvref_t<A>>>(
      detail::to_task(std::forward<A>(work)));
}

/// `co_await current_stop_token()` gives the token of the awaiting task, e.g.
/// to register a stop_callback that aborts an operation on a server. Not a
/// cancellation point.
inline detail::stop_token_query current_stop_token() noexcept { return {}; }

} // namespace coroscope

#endif
