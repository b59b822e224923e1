// Stand-in for the runtime's scope headers (async_context.hpp, scope.hpp,
// exit_stack.hpp) while they are not on this branch: the same names and
// signatures as DESIGN.md and the runtime fix them, declarations only, on the
// real coroscope::task. gen.py includes the real headers instead as soon as
// runtime/include/coroscope/ has them, so the benchmark then measures the
// real thing; the generated code uses only what both offer.
#ifndef COROSCOPE_BENCH_SCOPES_MIMIC_HPP
#define COROSCOPE_BENCH_SCOPES_MIMIC_HPP

#include <coroscope/task.hpp>

#include <coroutine>
#include <cstddef>
#include <exception>
#include <type_traits>
#include <utility>

namespace coroscope {

template <class T>
class async_context;

namespace detail {

// `co_yield r` resumes with the body's outcome: null on success.
struct context_yield_awaiter {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  std::exception_ptr await_resume() noexcept { return outcome; }
  std::exception_ptr outcome;
};

// Derives from the task's promise base, as the real one does, so that
// coroscope awaitables can be awaited inside a scope generator.
template <class T>
struct context_promise : promise_base {
  async_context<T> get_return_object() noexcept;
  final_awaiter final_suspend() noexcept { return {}; }
  context_yield_awaiter yield_value(T& value) noexcept;
  context_yield_awaiter yield_value(T&& value) noexcept;
  void return_void() noexcept {}
  void unhandled_exception() noexcept { error = std::current_exception(); }
  std::exception_ptr error;
};

} // namespace detail

// @asynccontextmanager: a coroutine that co_yields its resource exactly once.
template <class T>
class [[nodiscard]] async_context {
public:
  using promise_type = detail::context_promise<T>;
  using entered_type = std::add_lvalue_reference_t<T>;

  async_context(async_context&& other) noexcept;
  async_context& operator=(async_context&& other) noexcept;
  ~async_context();

  task<entered_type> async_enter();
  task<bool> async_exit(std::exception_ptr error);
};

// `co_await async_with(resource, body)`: Python's `async with`. Defined, as
// a template used with lambdas must be; the real one also keeps the body's
// exception and shields the exit from cancellation.
template <class Resource, class Body>
task<void> async_with(Resource&& resource, Body body) {
  co_await body(co_await resource.async_enter());
  co_await resource.async_exit(nullptr);
}

// AsyncExitStack: single-use once closed.
class exit_stack {
public:
  exit_stack() = default;
  exit_stack(exit_stack&& other) noexcept;
  exit_stack& operator=(exit_stack&& other) noexcept;
  ~exit_stack();

  task<exit_stack&> async_enter();
  task<bool> async_exit(std::exception_ptr error);

  template <class T>
  task<T&> enter(async_context<T>& resource);
  template <class T>
  task<T&> enter(async_context<T>&& resource);

  template <class F, class... Args>
  void push_callback(F fn, Args... args) {
    push(erase(std::move(fn)), sizeof...(args));
  }
  template <class F, class... Args>
  void callback(F fn, Args... args) {
    push(erase(std::move(fn)), sizeof...(args));
  }

  exit_stack pop_all();
  task<void> aclose();

private:
  template <class F>
  static void* erase(F fn) {
    return new F(std::move(fn));
  }
  void push(void* callback, std::size_t arguments);
};

} // namespace coroscope

#endif
