// coroscope test stub of <exec/at_coroutine_exit.hpp> (our own code).
// `co_await exec::at_coroutine_exit(fn, args...);` registers async cleanup (fn returns an
// exec::task<void>) that runs when the exec::task completes: on success, error AND stop.
// Also exec::on_coroutine_succeeded / on_coroutine_stopped / on_coroutine_failed
// (<exec/on_coro_disposition.hpp>) for one outcome only.
#pragma once
#include <exec/task.hpp>
#include <tuple>

COROSCOPE_STUB_EXEC_BEGIN
namespace __at_coro_exit {
template <class... Ts>
struct awaiter {
  std::tuple<Ts...> args;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  std::tuple<Ts&...> await_resume() noexcept {
    return std::apply([](Ts&... a) { return std::tuple<Ts&...>{a...}; }, args);
  }
};
struct __at_coro_exit_t {
  template <class Fn, class... Ts>
  awaiter<std::decay_t<Ts>...> operator()(Fn&&, Ts&&... ts) const {
    return {std::tuple<std::decay_t<Ts>...>{static_cast<Ts&&>(ts)...}};
  }
};
}  // namespace __at_coro_exit
inline constexpr __at_coro_exit::__at_coro_exit_t at_coroutine_exit{};
COROSCOPE_STUB_EXEC_END
