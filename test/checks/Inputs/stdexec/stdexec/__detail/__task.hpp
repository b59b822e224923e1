// coroscope test stub (our own code) of stdexec::task (P3552 "std::execution::task"; in
// NVIDIA/stdexec since early 2026, absent from the nvhpc-25.09 tag).
// LAZY (initial_suspend = suspend_always), [[nodiscard]], move-only, a sender.
// NOT structurally awaitable: it has no operator co_await, only `as_awaitable(parent) &&`,
// reached through the parent promise's await_transform (with_awaitable_senders).
// Awaitable once, as an rvalue. Complete with an error/stop without throwing:
// `co_yield stdexec::with_error(e);`, `co_yield stdexec::with_stopped{};`.
#pragma once
#include <stdexec/__detail/__stub_sender.hpp>
#include <exception>
#include <optional>

namespace stdexec {

template <class... Props>
struct env {};

template <class E>
struct with_error {
  using type = std::decay_t<E>;
  type error;
};
template <class E> with_error(E) -> with_error<E>;
struct with_stopped {};

namespace __task {
template <class T>
struct value_base {
  std::optional<T> result;
  template <class V = T>
  void return_value(V&& v) { result.emplace(static_cast<V&&>(v)); }
};
template <>
struct value_base<void> {
  void return_void() {}
};
}  // namespace __task

template <class T = void, class TaskEnv = env<>>
class [[nodiscard]] task {
 public:
  struct promise_type : __task::value_base<T>, with_awaitable_senders<promise_type> {
    task get_return_object() noexcept {
      return task{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    static constexpr std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept { error = std::current_exception(); }
    template <class E>
    std::suspend_always yield_value(with_error<E>) { return {}; }
    std::suspend_always yield_value(with_stopped) { return {}; }
    std::exception_ptr error;
  };
  using sender_concept = sender_t;
  using __stub_values = std::conditional_t<std::is_void_v<T>, std::tuple<>, std::tuple<T>>;

  task(task&& that) noexcept : coro_(std::exchange(that.coro_, {})) {}
  ~task() {
    if (coro_) coro_.destroy();
  }

  template <class ParentPromise>
  auto as_awaitable(ParentPromise&) && noexcept {
    return __stub::sender_awaiter<__stub_values>{};
  }

 private:
  explicit task(std::coroutine_handle<promise_type> h) noexcept : coro_(h) {}
  std::coroutine_handle<promise_type> coro_;
};

}  // namespace stdexec
