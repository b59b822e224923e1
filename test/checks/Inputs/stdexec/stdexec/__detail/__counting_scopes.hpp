// coroscope test stub (our own code) of stdexec's P3149 async scopes.
// simple_counting_scope / counting_scope: work is associated with spawn(sndr, scope.get_token())
// / spawn_future / associate; the scope MUST be joined (`co_await scope.join()`, or
// sync_wait(scope.join()) outside coroutines) before it is destroyed: destroying a scope
// that was used and not joined calls std::terminate. spawn() rejects (at compile time)
// senders that can complete with set_error.
#pragma once
#include <stdexec/__detail/__stub_sender.hpp>
#include <stdexec/stop_token.hpp>
#include <cstddef>

namespace stdexec {

class simple_counting_scope {
 public:
  struct token {
    template <sender S>
    [[nodiscard]] S&& wrap(S&& s) const noexcept { return static_cast<S&&>(s); }
  };
  simple_counting_scope() noexcept = default;
  simple_counting_scope(simple_counting_scope&&) = delete;
  ~simple_counting_scope() {}  // real: std::terminate() unless unused or joined
  [[nodiscard]] token get_token() noexcept { return {}; }
  void close() noexcept {}
  [[nodiscard]] __stub::sender_of<> join() noexcept { return {}; }
};

class counting_scope {
 public:
  struct token {
    template <sender S>
    [[nodiscard]] S&& wrap(S&& s) const noexcept { return static_cast<S&&>(s); }
  };
  counting_scope() noexcept = default;
  counting_scope(counting_scope&&) = delete;
  ~counting_scope() {}  // real: std::terminate() unless unused or joined
  [[nodiscard]] token get_token() noexcept { return {}; }
  void close() noexcept {}
  [[nodiscard]] __stub::sender_of<> join() noexcept { return {}; }
  void request_stop() noexcept {}
};

struct spawn_t {
  template <sender S, class Token>
  void operator()(S&&, Token) const {}
};
inline constexpr spawn_t spawn{};

struct spawn_future_t {
  template <sender S, class Token>
  __stub::same_values_sender<S> operator()(S&&, Token) const { return {}; }
};
inline constexpr spawn_future_t spawn_future{};

struct associate_t {
  template <sender S, class Token>
  __stub::same_values_sender<S> operator()(S&&, Token) const { return {}; }
};
inline constexpr associate_t associate{};

}  // namespace stdexec
