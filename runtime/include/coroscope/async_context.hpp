// coroscope/async_context.hpp - async_context<T>, a resource written as one
// coroutine.
//
// Python: @asynccontextmanager. Everything before the `co_yield` enters the
// scope, the yielded value is what async_with passes to its body, and
// everything after it exits the scope:
//
//   coroscope::async_context<transaction> database_transaction(connection& conn) {
//     transaction tx = co_await conn.begin();
//     std::exception_ptr failure = co_yield tx;   // the body runs here
//     if (failure)
//       co_await tx.rollback();
//     else
//       co_await tx.commit();
//   }
//
//   co_await coroscope::async_with(database_transaction(conn),
//                                  [&](transaction& tx) -> task<> { ... });
//
// `co_yield r` evaluates to the body's outcome, a std::exception_ptr that is
// null on success. Unlike Python, where the body's exception is raised at the
// yield and only a try/finally keeps the cleanup, the code after the
// co_yield runs on success, error and cancellation alike (co_await cannot
// appear in a catch block, so this is what makes async cleanup possible),
// and the runtime rethrows the body's exception once the generator finishes.
// A generator has no way to suppress it.
#ifndef COROSCOPE_ASYNC_CONTEXT_HPP
#define COROSCOPE_ASYNC_CONTEXT_HPP

#include <coroscope/task.hpp>

#include <coroutine>
#include <exception>
#include <source_location>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

namespace coroscope {

template <class T = void>
class async_context;

namespace detail {

template <class T>
struct context_promise;

/// What `co_yield` gives back when the body is done: its outcome.
template <class Promise>
class context_yield_awaiter : public final_awaiter {
public:
  explicit context_yield_awaiter(Promise& promise) noexcept : promise_(promise) {}
  std::exception_ptr await_resume() noexcept { return std::move(promise_.body_outcome); }

private:
  Promise& promise_;
};

struct context_promise_base : promise_base {
  final_awaiter final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept { error = std::current_exception(); }
  void return_void() noexcept {}

  unsigned yields = 0;
  std::exception_ptr error;        // the generator's own exception
  std::exception_ptr body_outcome; // handed back by co_yield
};

/// The yielded value is not copied: the promise points at the co_yield's
/// operand, a local of the generator or a temporary that lives until the
/// co_yield expression ends, i.e. across the suspension in which the body
/// runs.
template <class T>
struct context_promise : context_promise_base {
  using value_type = std::remove_reference_t<T>;

  async_context<T> get_return_object(
      std::source_location where = std::source_location::current()) noexcept;

  context_yield_awaiter<context_promise> yield_value(value_type& value) noexcept {
    return yielded(value);
  }
  context_yield_awaiter<context_promise> yield_value(value_type&& value) noexcept
    requires(!std::is_reference_v<T>)
  {
    return yielded(value);
  }

  value_type* value = nullptr;

private:
  context_yield_awaiter<context_promise> yielded(value_type& yielded_value) noexcept {
    if (++yields == 1)
      value = &yielded_value;
    return context_yield_awaiter<context_promise>(*this);
  }
};

/// async_context<void>: the generator yields nothing (`co_yield {};`, the
/// lesson's bare `yield`), and the body takes no argument.
template <>
struct context_promise<void> : context_promise_base {
  async_context<void> get_return_object(
      std::source_location where = std::source_location::current()) noexcept;

  context_yield_awaiter<context_promise> yield_value(std::monostate) noexcept {
    ++yields;
    return context_yield_awaiter<context_promise>(*this);
  }
};

/// Runs the generator from where it stands to its next co_yield or its end,
/// under the awaiting task's stop token.
template <class Promise>
class context_step {
public:
  explicit context_step(std::coroutine_handle<Promise> generator) noexcept
      : generator_(generator) {}
  bool await_ready() const noexcept { return false; }
  template <class Parent>
  auto await_suspend(std::coroutine_handle<Parent> parent) noexcept {
    return start_child(generator_, parent, awaiting_promise(parent).token);
  }
  void await_resume() const noexcept {}

private:
  std::coroutine_handle<Promise> generator_;
};

} // namespace detail

/// A coroutine that co_yields its resource exactly once: the async resource
/// (scope.hpp) that Python writes with @asynccontextmanager.
///
/// - T is what the generator yields; the body receives it as T& (void: the
///   generator writes `co_yield {};` and the body takes nothing). An lvalue
///   operand is passed as itself, so the body and the cleanup after the
///   co_yield see the same object.
/// - Lazy and single-use, like a task: calling the function runs nothing;
///   async_enter() runs it up to the co_yield, async_exit(error) hands
///   `error` back as the co_yield's value and runs it to the end.
/// - Contract:
///   * the body's exception is rethrown after the generator finished (by
///     async_exit returning false: the driver rethrows it); an exception of
///     the generator after the co_yield is async_exit's failure;
///   * std::logic_error when the generator finishes without co_yield
///     (async_enter; Python: "generator didn't yield"), when it reaches a
///     second co_yield (async_exit, "yielded more than once"; Python:
///     "generator didn't stop"; the generator is then destroyed, which runs
///     its destructors), and when the object is entered again ("already
///     used") or exited without being entered.
///   * an async_context that was never entered reports itself on
///     destruction through the unawaited-task handler (task.hpp), as a task
///     never awaited does.
template <class T>
class [[nodiscard]] async_context {
public:
  using promise_type = detail::context_promise<T>;
  /// What async_enter() gives and the body receives.
  using entered_type = std::add_lvalue_reference_t<T>;

  async_context(async_context&& other) noexcept
      : generator_(std::exchange(other.generator_, {})),
        stage_(std::exchange(other.stage_, stage::finished)) {}
  async_context& operator=(async_context&& other) noexcept {
    async_context(std::move(other)).swap(*this);
    return *this;
  }
  ~async_context() {
    if (!generator_)
      return;
    if (stage_ == stage::fresh)
      detail::report_unawaited(generator_.promise().created);
    generator_.destroy();
  }

  void swap(async_context& other) noexcept {
    std::swap(generator_, other.generator_);
    std::swap(stage_, other.stage_);
  }

  /// Runs the generator up to its co_yield and gives what it yielded.
  /// Rethrows the generator's exception; std::logic_error if it finished
  /// without co_yield or this object was entered before.
  task<entered_type> async_enter() {
    if (stage_ != stage::fresh)
      throw std::logic_error(
          "coroscope::async_context entered twice; it is single-use (already used): "
          "call the generator function again for a new one");
    stage_ = stage::entering;
    co_await detail::context_step<promise_type>(generator_);
    promise_type& promise = generator_.promise();
    if (generator_.done()) {
      stage_ = stage::finished;
      if (promise.error)
        std::rethrow_exception(promise.error);
      throw std::logic_error("coroscope::async_context finished without co_yield; a scope "
                             "generator co_yields exactly once (generator didn't yield)");
    }
    stage_ = stage::entered;
    if constexpr (!std::is_void_v<T>)
      co_return *promise.value;
  }

  /// Hands \p error (the body's exception, null on success) back as the
  /// co_yield's value and runs the generator to its end. Returns false: a
  /// generator never suppresses. Throws the generator's exception, and
  /// std::logic_error when it yields again or was not entered.
  task<bool> async_exit(std::exception_ptr error) {
    if (stage_ != stage::entered)
      throw std::logic_error(
          "coroscope::async_context exited without a successful async_enter");
    stage_ = stage::finished;
    promise_type& promise = generator_.promise();
    promise.body_outcome = std::move(error);
    co_await detail::context_step<promise_type>(generator_);
    if (!generator_.done()) {
      std::exchange(generator_, {}).destroy(); // Python closes the generator, too
      throw std::logic_error(
          "coroscope::async_context yielded more than once; a scope generator co_yields "
          "exactly once (generator didn't stop)");
    }
    if (promise.error)
      std::rethrow_exception(promise.error);
    co_return false;
  }

private:
  friend promise_type;
  enum class stage : unsigned char { fresh, entering, entered, finished };

  explicit async_context(std::coroutine_handle<promise_type> generator) noexcept
      : generator_(generator) {}

  std::coroutine_handle<promise_type> generator_;
  stage stage_ = stage::fresh;
};

template <class T>
async_context<T>
detail::context_promise<T>::get_return_object(std::source_location where) noexcept {
  created = where;
  return async_context<T>(std::coroutine_handle<context_promise>::from_promise(*this));
}

inline async_context<void>
detail::context_promise<void>::get_return_object(std::source_location where) noexcept {
  created = where;
  return async_context<void>(std::coroutine_handle<context_promise>::from_promise(*this));
}

} // namespace coroscope

#endif
