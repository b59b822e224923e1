// coroscope test stub of <boost/cobalt/promise.hpp> (our own code).
// promise<T>: EAGER (initial_suspend = suspend_never), [[nodiscard]], move-only.
// Destroyed while attached => sends cancellation (it keeps running until it notices).
// `+p` / p.detach() detaches on purpose. Awaiting it a second time after completion
// returns the moved-from value again (no diagnostic); awaiting it from two coroutines at
// once fails with cobalt::error::already_awaited.
#pragma once
#include <boost/asio/cancellation_type.hpp>
#include <boost/cobalt/detail/stub_promise.hpp>

namespace boost::cobalt {

template <typename Return>
struct [[nodiscard]] promise {
  struct promise_type : detail::promise_base, detail::value_holder<Return> {
    promise get_return_object() {
      return promise{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
  };

  promise(promise&& lhs) noexcept : h_(std::exchange(lhs.h_, {})), attached_(lhs.attached_) {}
  promise& operator=(promise&& lhs) noexcept {
    h_ = std::exchange(lhs.h_, {});
    attached_ = lhs.attached_;
    return *this;
  }
  promise(const promise&) = delete;
  promise& operator=(const promise&) = delete;
  ~promise() {
    if (attached_) cancel();
  }

  auto operator co_await() { return detail::handle_awaiter<promise_type, Return>{h_}; }
  void operator+() && { detach(); }            // detach on purpose
  void cancel(boost::asio::cancellation_type ct = boost::asio::cancellation_type::all) { (void)ct; }
  bool ready() const { return h_ && h_.done(); }
  explicit operator bool() const { return static_cast<bool>(h_); }  // "can still be awaited"
  bool attached() const { return attached_; }
  void detach() { attached_ = false; }
  void attach() { attached_ = true; }
  Return get() { return h_.promise().take(); }  // UB unless ready()

 private:
  explicit promise(std::coroutine_handle<promise_type> h) : h_(h) {}
  std::coroutine_handle<promise_type> h_;
  bool attached_ = true;
};

}  // namespace boost::cobalt
