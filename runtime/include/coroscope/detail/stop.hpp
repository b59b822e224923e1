// coroscope/detail/stop.hpp - the stop-token machinery behind cancel.hpp.
//
// Kept apart from cancel.hpp only because task.hpp needs it and cancel.hpp
// needs task.hpp; include <coroscope/cancel.hpp> to use it.
//
// Tokens are loop-affine: a request, a check and a callback all happen on the
// thread of the loop that runs the tasks, so there is no atomic and no lock,
// and a callback never races with the waiter it wakes. Another thread asks for
// a stop by posting it to the loop (event_loop::call_soon_threadsafe).
#ifndef COROSCOPE_DETAIL_STOP_HPP
#define COROSCOPE_DETAIL_STOP_HPP

#include <coroscope/detail/intrusive_list.hpp>

#include <concepts>
#include <utility>

namespace coroscope {

/// Thrown into a task at a cancellation point once its stop token has been
/// requested to stop: Python's asyncio.CancelledError.
///
/// Deliberately not derived from std::exception, as CancelledError derives
/// from BaseException and not from Exception: `catch (const std::exception&)`
/// written to handle errors must not swallow a cancellation. Code that has to
/// clean up on cancellation catches it (or `...`), cleans up, and rethrows.
class cancelled {
public:
  const char* what() const noexcept { return "coroscope::cancelled"; }
};

namespace detail {

/// A registration in a stop_state's callback list; `invoke` runs once, on the
/// first stop request, after the node has been unlinked.
class stop_callback_base : public list_node<stop_callback_base> {
public:
  using invoke_fn = void (*)(stop_callback_base&) noexcept;
  explicit stop_callback_base(invoke_fn invoke) noexcept : invoke_(invoke) {}

private:
  friend class stop_state;
  invoke_fn invoke_;
};

class stop_state {
public:
  stop_state() = default;
  stop_state(const stop_state&) = delete;
  stop_state& operator=(const stop_state&) = delete;

  bool stop_requested() const noexcept { return stopped_; }

  /// Registers \p callback unless a stop was already requested (then false).
  bool add(stop_callback_base& callback) noexcept {
    if (stopped_)
      return false;
    callbacks_.push_back(callback);
    return true;
  }

  /// Returns false when a stop had been requested before. Callbacks run in
  /// registration order; each is unlinked before it runs, so it may destroy
  /// itself or register others.
  bool request_stop() noexcept {
    if (stopped_)
      return false;
    stopped_ = true;
    while (stop_callback_base* callback = callbacks_.pop_front())
      callback->invoke_(*callback);
    return true;
  }

private:
  bool stopped_ = false;
  intrusive_list<stop_callback_base> callbacks_;
};

class stop_source;
class stop_hook;

} // namespace detail

/// A view of a stop state: Python's "has this task been cancelled?". Every
/// task carries one, inherited from the task that awaits it; a default token
/// never stops. A token is valid while the scope that issued it (a task group,
/// a timeout, ...) is alive, which structured concurrency guarantees for every
/// task that holds it.
class stop_token {
public:
  stop_token() noexcept = default;

  bool stop_requested() const noexcept {
    return state_ != nullptr && state_->stop_requested();
  }
  /// False for a token that can never be stopped (e.g. under shield()).
  bool stop_possible() const noexcept { return state_ != nullptr; }

  friend bool operator==(stop_token, stop_token) noexcept = default;

private:
  friend class detail::stop_source;
  friend class detail::stop_hook;
  template <class> friend class stop_callback;
  explicit stop_token(detail::stop_state* state) noexcept : state_(state) {}

  detail::stop_state* state_ = nullptr;
};

/// Runs \p Callback once when \p token is stopped, or at once in the
/// constructor when it already is; deregisters in the destructor. The shape
/// of std::stop_callback, for coroscope's loop-affine tokens. Adapters use it
/// to abort an operation on the server when the awaiting task is cancelled.
template <class Callback>
class stop_callback : private detail::stop_callback_base {
  static_assert(std::is_nothrow_invocable_v<Callback&>,
                "a stop callback runs inside request_stop and must not throw");

public:
  template <class C>
    requires std::constructible_from<Callback, C>
  stop_callback(stop_token token, C&& callback)
      : stop_callback_base(&invoke), callback_(std::forward<C>(callback)) {
    if (token.state_ != nullptr && !token.state_->add(*this))
      callback_();
  }
  ~stop_callback() { unlink(); }
  stop_callback(const stop_callback&) = delete;
  stop_callback& operator=(const stop_callback&) = delete;

private:
  static void invoke(stop_callback_base& base) noexcept {
    static_cast<stop_callback&>(base).callback_();
  }
  Callback callback_;
};

template <class Callback>
stop_callback(stop_token, Callback) -> stop_callback<Callback>;

namespace detail {

/// Owns a stop state, optionally linked to a parent token so that stopping
/// the parent stops it too: the scope of a task group or a timeout. The token
/// it hands out dies with it, so it must outlive every task holding one.
class stop_source : private stop_callback_base {
public:
  stop_source() noexcept : stop_callback_base(&forward_stop) {}
  explicit stop_source(stop_token parent) noexcept : stop_source() {
    if (parent.state_ != nullptr && !parent.state_->add(*this))
      state_.request_stop();
  }
  ~stop_source() { unlink(); }
  stop_source(const stop_source&) = delete;
  stop_source& operator=(const stop_source&) = delete;

  stop_token get_token() noexcept { return stop_token(&state_); }
  bool stop_requested() const noexcept { return state_.stop_requested(); }
  bool request_stop() noexcept { return state_.request_stop(); }

private:
  static void forward_stop(stop_callback_base& self) noexcept {
    static_cast<stop_source&>(self).request_stop();
  }
  stop_state state_;
};

/// The stop registration of a suspended awaitable: arm() when suspending,
/// disarm() when woken normally. Derived is the awaitable; its
/// `on_stop() noexcept` withdraws the wait and resumes the task so that it
/// throws cancelled.
class stop_hook : private stop_callback_base {
protected:
  using on_stop_fn = void (*)(stop_hook&) noexcept;
  explicit stop_hook(on_stop_fn on_stop) noexcept
      : stop_callback_base(&forward), on_stop_(on_stop) {}
  ~stop_hook() { disarm(); }
  stop_hook(stop_hook&&) noexcept = default;
  stop_hook& operator=(stop_hook&&) = delete;

  /// False when \p token is already stopped (the hook stays disarmed).
  bool arm(stop_token token) noexcept {
    return token.state_ == nullptr || token.state_->add(*this);
  }
  void disarm() noexcept { unlink(); }

private:
  static void forward(stop_callback_base& self) noexcept {
    auto& hook = static_cast<stop_hook&>(self);
    hook.on_stop_(hook);
  }
  on_stop_fn on_stop_;
};

} // namespace detail
} // namespace coroscope

#endif
