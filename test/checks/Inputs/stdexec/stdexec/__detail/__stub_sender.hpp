// coroscope test stub (our own code): the minimum sender/awaitable machinery of stdexec.
// Real senders are NOT awaitable by themselves: they become awaitable inside a coroutine
// whose promise derives from stdexec::with_awaitable_senders<P> (exec::task, stdexec::task),
// whose await_transform calls stdexec::as_awaitable. A sender is recognised by its nested
// `sender_concept` alias (stdexec::sender_tag / its alias stdexec::sender_t).
// `__stub_values` (a std::tuple of the set_value arguments) is a STUB-ONLY helper.
#pragma once
#include <coroutine>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

namespace stdexec {

struct sender_tag {
  using sender_concept = sender_tag;
};
using sender_t = sender_tag;

namespace __stub {
template <class A>
concept is_awaitable = requires(A&& a) { static_cast<A&&>(a).operator co_await(); } ||
                       requires(A&& a) { a.await_ready(); };
}  // namespace __stub

// Real: sender_concept derived from sender_tag, or an awaitable ("awaitables are senders").
template <class S>
concept sender = requires { typename std::remove_cvref_t<S>::sender_concept; } ||
                 __stub::is_awaitable<S>;

namespace __stub {
template <class... Vs>
struct sender_of {  // a sender completing with set_value_t(Vs...), set_stopped_t(), set_error_t(exception_ptr)
  using sender_concept = sender_t;
  using __stub_values = std::tuple<Vs...>;
};

template <class S>
using values_of = typename std::remove_cvref_t<S>::__stub_values;

template <class Tuple> struct sender_for_tuple;
template <class... Vs> struct sender_for_tuple<std::tuple<Vs...>> { using type = sender_of<Vs...>; };
template <class S>
using same_values_sender = typename sender_for_tuple<values_of<S>>::type;

// what `co_await sndr` yields: void, V, or std::tuple<V...>
template <class Tuple> struct await_result { using type = Tuple; };
template <> struct await_result<std::tuple<>> { using type = void; };
template <class V> struct await_result<std::tuple<V>> { using type = V; };

template <class Tuple>
struct sender_awaiter {
  using result_t = typename await_result<Tuple>::type;
  std::optional<std::conditional_t<std::is_void_v<result_t>, int, result_t>> value;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  result_t await_resume() {
    if constexpr (!std::is_void_v<result_t>) return std::move(*value);
  }
};

// pipeable adaptor closure: `sndr | then(f)`
template <class Fn>
struct closure {
  Fn fn;
  template <sender S>
  friend auto operator|(S&& s, closure c) { return c.fn(static_cast<S&&>(s)); }
};
template <class Fn> closure(Fn) -> closure<Fn>;

struct scheduler {
  sender_of<> schedule() const noexcept { return {}; }
  bool operator==(const scheduler&) const = default;
};
}  // namespace __stub

struct as_awaitable_t {
  template <class V, class Promise>
  decltype(auto) operator()(V&& v, Promise& p) const {
    if constexpr (requires { static_cast<V&&>(v).as_awaitable(p); })
      return static_cast<V&&>(v).as_awaitable(p);
    else if constexpr (__stub::is_awaitable<V>)
      return static_cast<V&&>(v);
    else
      return __stub::sender_awaiter<__stub::values_of<V>>{};
  }
};
inline constexpr as_awaitable_t as_awaitable{};

// CRTP base of coroutine promises that can co_await senders. When an awaited sender
// completes with set_stopped, the coroutine is NOT resumed: unhandled_stopped() hands the
// "stopped" signal to the awaiting parent and the frame is destroyed (no exception).
template <class Promise>
struct with_awaitable_senders {
  template <class V>
  decltype(auto) await_transform(V&& v) {
    return stdexec::as_awaitable(static_cast<V&&>(v), static_cast<Promise&>(*this));
  }
  std::coroutine_handle<> unhandled_stopped() noexcept { return std::noop_coroutine(); }
};

}  // namespace stdexec
