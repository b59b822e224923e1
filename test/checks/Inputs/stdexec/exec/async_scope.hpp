// coroscope test stub of <exec/async_scope.hpp> (our own code).
// exec::async_scope: spawn(sndr) starts work now (fire-and-forget inside the scope;
// a set_error from it => std::terminate); spawn_future(sndr) returns a sender for the
// result; nest(sndr) associates lazily. Before destruction the scope MUST be drained:
// `co_await scope.on_empty();` (or sync_wait(scope.on_empty()) outside coroutines);
// destroyed with work outstanding => assertion (debug) / use-after-free.
#pragma once
#include <exec/detail/stub_namespace.hpp>
#include <stdexec/execution.hpp>

COROSCOPE_STUB_EXEC_BEGIN
namespace __scope {
struct async_scope {
  async_scope() = default;
  async_scope(async_scope&&) = delete;
  ~async_scope() {}  // real: asserts no active work

  template <stdexec::sender S>
  [[nodiscard]] stdexec::__stub::sender_of<> when_empty(S&&) const { return {}; }
  [[nodiscard]] stdexec::__stub::sender_of<> on_empty() const { return {}; }
  template <stdexec::sender S>
  [[nodiscard]] stdexec::__stub::same_values_sender<S> nest(S&&) { return {}; }
  template <class S>
  void spawn(S&&) {}
  template <class S>
  [[nodiscard]] auto spawn_future(S&&) {
    return typename stdexec::__stub::sender_for_tuple<stdexec::__stub::values_of<S>>::type{};
  }
  [[nodiscard]] stdexec::inplace_stop_source& get_stop_source() noexcept { return stop_; }
  [[nodiscard]] stdexec::inplace_stop_token get_stop_token() const noexcept { return {}; }
  bool request_stop() noexcept { return stop_.request_stop(); }

 private:
  stdexec::inplace_stop_source stop_;
};
}  // namespace __scope
using __scope::async_scope;
COROSCOPE_STUB_EXEC_END
