// coroscope test stub (our own code): stdexec sender factories/adaptors/consumers.
// Names are the real customization-point objects (`stdexec::then` is an object of type
// `stdexec::then_t`, etc.). All senders are LAZY: nothing runs until connected+started
// (sync_wait, start_detached, spawn, co_await). Discarding one means the work never runs.
#pragma once
#include <stdexec/__detail/__stub_sender.hpp>
#include <stdexec/stop_token.hpp>
#include <exception>
#include <functional>
#include <optional>
#include <variant>

namespace stdexec {

struct just_t {
  template <class... Vs>
  __stub::sender_of<std::decay_t<Vs>...> operator()(Vs&&...) const { return {}; }
};
inline constexpr just_t just{};

struct just_stopped_t {
  __stub::sender_of<> operator()() const { return {}; }
};
inline constexpr just_stopped_t just_stopped{};

struct schedule_t {
  template <class Sch>
  auto operator()(Sch&& sch) const { return sch.schedule(); }
};
inline constexpr schedule_t schedule{};

namespace __stub {
template <class F, class Tuple> struct then_result;
template <class F, class... Vs> struct then_result<F, std::tuple<Vs...>> {
  using R = std::invoke_result_t<F, Vs...>;
  using type = std::conditional_t<std::is_void_v<R>, sender_of<>, sender_of<R>>;
};
}  // namespace __stub

struct then_t {
  template <sender S, class F>
  typename __stub::then_result<F, __stub::values_of<S>>::type operator()(S&&, F) const { return {}; }
  template <class F>
  auto operator()(F f) const {
    return __stub::closure{[f](auto&& s) { return then_t{}(static_cast<decltype(s)&&>(s), f); }};
  }
};
inline constexpr then_t then{};

struct when_all_t {
  template <sender... Ss>
  auto operator()(Ss&&...) const {
    using values = decltype(std::tuple_cat(std::declval<__stub::values_of<Ss>>()...));
    return typename __stub::sender_for_tuple<values>::type{};
  }
};
inline constexpr when_all_t when_all{};

// Scheduler transitions: start on `sch` / continue on `sch` / run on `sch` and come back.
struct starts_on_t {
  template <class Sch, sender S>
  __stub::same_values_sender<S> operator()(Sch&&, S&&) const { return {}; }
};
inline constexpr starts_on_t starts_on{};
struct continues_on_t {
  template <sender S, class Sch>
  __stub::same_values_sender<S> operator()(S&&, Sch&&) const { return {}; }
  template <class Sch>
  auto operator()(Sch sch) const {
    return __stub::closure{[sch](auto&& s) { return continues_on_t{}(static_cast<decltype(s)&&>(s), sch); }};
  }
};
inline constexpr continues_on_t continues_on{};
struct on_t {
  template <class Sch, sender S>
  __stub::same_values_sender<S> operator()(Sch&&, S&&) const { return {}; }
};
inline constexpr on_t on{};

// set_stopped -> empty optional (the way to observe cancellation as a value)
struct stopped_as_optional_t {
  template <sender S>
  auto operator()(S&&) const {
    using R = typename __stub::await_result<__stub::values_of<S>>::type;
    return __stub::sender_of<std::optional<R>>{};
  }
};
inline constexpr stopped_as_optional_t stopped_as_optional{};
// set_stopped -> set_error(err) (i.e. an exception when awaited)
struct stopped_as_error_t {
  template <sender S, class E>
  __stub::same_values_sender<S> operator()(S&&, E) const { return {}; }
};
inline constexpr stopped_as_error_t stopped_as_error{};

// get_stop_token(env) is a query; get_stop_token() is a sender reading it from the
// environment: `auto tok = co_await stdexec::get_stop_token();`
struct get_stop_token_t {
  __stub::sender_of<inplace_stop_token> operator()() const { return {}; }
  template <class Env>
  inplace_stop_token operator()(const Env&) const noexcept { return {}; }
};
inline constexpr get_stop_token_t get_stop_token{};

// BLOCKING consumers: run a run_loop on the calling thread until the sender completes.
// Result: std::optional<std::tuple<Vs...>> -- disengaged when the sender was stopped;
// set_error is rethrown.
struct sync_wait_t {
  template <class S>
  std::optional<__stub::values_of<S>> operator()(S&&) const { return std::nullopt; }
};
inline constexpr sync_wait_t sync_wait{};
struct sync_wait_with_variant_t {
  template <class S>
  std::optional<std::variant<__stub::values_of<S>>> operator()(S&&) const { return std::nullopt; }
};
inline constexpr sync_wait_with_variant_t sync_wait_with_variant{};

// Fire-and-forget: starts now, nobody can wait for it; set_error => std::terminate.
// DEPRECATED at e92245d in favour of exec::start_detached (<exec/start_detached.hpp>).
struct start_detached_t {
  template <sender S>
  void operator()(S&&) const {}
};
inline constexpr start_detached_t start_detached{};

struct inline_scheduler : __stub::scheduler {};

// Event loop driven by the calling thread: run() BLOCKS until finish().
struct run_loop {
  void run() noexcept {}
  void finish() noexcept {}
  __stub::scheduler get_scheduler() noexcept { return {}; }
};

}  // namespace stdexec
