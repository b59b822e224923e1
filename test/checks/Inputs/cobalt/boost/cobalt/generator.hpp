// coroscope test stub of <boost/cobalt/generator.hpp> (our own code).
// generator<Yield, Push = void>: EAGER (runs to its first co_yield at creation; lazy only
// after `co_await this_coro::initial;`), [[nodiscard]]; MULTI-USE by design:
// `while (g) v = co_await g;` -- awaiting it repeatedly is correct, not a reused scope.
// Destroyed => cancelled and detached.
#pragma once
#include <boost/asio/cancellation_type.hpp>
#include <boost/cobalt/detail/stub_promise.hpp>

namespace boost::cobalt {

template <typename Yield, typename Push = void>
struct [[nodiscard]] generator {
  struct promise_type : detail::promise_base {
    std::optional<Yield> value;
    generator get_return_object() {
      return generator{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(Yield v) {
      value.emplace(std::move(v));
      return {};
    }
    void return_value(Yield v) { value.emplace(std::move(v)); }
    Yield take() { return std::move(*value); }

    using detail::promise_base::await_transform;
    auto await_transform(this_coro::initial_t) {
      struct aw : detail::ready_awaiter_base { void await_resume() const {} };
      return aw{};
    }
  };

  generator(generator&& lhs) noexcept : h_(std::exchange(lhs.h_, {})) {}
  generator& operator=(generator&&) noexcept;
  generator(const generator&) = delete;
  ~generator() {}  // real: cancel & detach

  explicit operator bool() const { return h_ && !h_.done(); }  // true until co_returned & awaited
  void cancel(boost::asio::cancellation_type ct = boost::asio::cancellation_type::all) { (void)ct; }
  bool ready() const { return h_ && h_.promise().value.has_value(); }
  Yield get() { return h_.promise().take(); }

  // Push == void: co_await the generator itself.
  auto operator co_await() { return detail::handle_awaiter<promise_type, Yield>{h_}; }
  // Push != void: co_await gen(push_value).
  template <typename P = Push>
    requires(!std::is_void_v<P>)
  auto operator()(P&& push) {
    (void)push;
    return detail::handle_awaiter<promise_type, Yield>{h_};
  }

 private:
  explicit generator(std::coroutine_handle<promise_type> h) : h_(h) {}
  std::coroutine_handle<promise_type> h_;
};

}  // namespace boost::cobalt
