// coroscope/scope.hpp - the async resource protocol and async_with().
//
// Python: __aenter__/__aexit__ and the `async with` statement.
//
// THE PROTOCOL. A type R is an async resource (concept async_resource) when
// an lvalue `r` of it has
//
//   r.async_enter()                      -> an awaitable (usually task<E>)
//   r.async_exit(std::exception_ptr)     -> an awaitable of bool or void
//                                           (usually task<bool>)
//
// - async_enter() acquires the resource. What its co_await gives, E, is the
//   *entered value* (Python: what `as` binds): anything, a reference (a class
//   resource returns `*this` as `task<R&>`, the lesson's `return self`), or
//   void (`task<void>`: nothing to bind). If async_enter throws (or is
//   cancelled), the resource counts as not entered and async_exit is NOT
//   called: an async_enter that fails must leave nothing to clean up.
// - async_exit(error) releases it. It is called exactly once after every
//   successful async_enter, however the body ended: `error` is the body's
//   exception (a `cancelled` included), null when it succeeded. It returns
//   true to suppress that exception, false (or void) to let it propagate.
//   It runs shielded from cancellation (cancel.hpp: shield()), so it can
//   await whatever it needs even in a cancelled task; bound it with
//   timeout() if it could hang. It need not guard against its own failure:
//   the drivers keep the body's exception (see async_with). Rethrowing
//   `error` itself is the same as returning false.
//
// Both may be coroutines returning task<...> (the usual form, e.g.
// `task<connection&> async_enter()`, `task<bool> async_exit(std::exception_ptr)`),
// or ordinary functions returning any awaitable. Nothing else is required: no
// base class, no registration, and the resource may be movable or not.
//
// Drivers of the protocol: async_with() here and exit_stack::enter
// (exit_stack.hpp). async_context (async_context.hpp), exit_stack and
// resource_group are resources themselves.
#ifndef COROSCOPE_SCOPE_HPP
#define COROSCOPE_SCOPE_HPP

#include <coroscope/cancel.hpp>
#include <coroscope/detail/outcome.hpp>
#include <coroscope/errors.hpp>
#include <coroscope/task.hpp>

#include <concepts>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace coroscope {

namespace detail {

template <class A>
concept awaitable_of_bool_or_void =
    awaitable<A> && (std::is_void_v<await_result_t<A>> ||
                     std::convertible_to<await_result_t<A>, bool>);

} // namespace detail

/// A type with async_enter() and async_exit(std::exception_ptr), as above.
template <class R>
concept async_resource = requires(R& resource, std::exception_ptr error) {
  { resource.async_enter() } -> detail::awaitable;
  { resource.async_exit(error) } -> detail::awaitable_of_bool_or_void;
};

/// The entered value of resource type R: what `co_await r.async_enter()`
/// gives, and what async_with() passes to its body (void: nothing).
template <async_resource R>
using entered_t = detail::await_result_t<decltype(std::declval<R&>().async_enter())>;

namespace detail {

/// async_exit() as a task<bool>: void means "do not suppress", and an
/// async_exit that throws before returning an awaitable fails like one that
/// throws when awaited.
template <class Resource>
task<bool> exit_resource(Resource& resource, std::exception_ptr error) {
  using result = await_result_t<decltype(resource.async_exit(error))>;
  if constexpr (std::is_void_v<result>) {
    co_await resource.async_exit(std::move(error));
    co_return false;
  } else {
    co_return static_cast<bool>(co_await resource.async_exit(std::move(error)));
  }
}

/// exit_resource, made before the resource is entered: it reads the body's
/// exception from \p error only when it starts.
template <class Resource>
task<bool> exit_resource_later(Resource& resource, const std::exception_ptr& error) {
  using result = await_result_t<decltype(resource.async_exit(error))>;
  if constexpr (std::is_void_v<result>) {
    co_await resource.async_exit(error);
    co_return false;
  } else {
    co_return static_cast<bool>(co_await resource.async_exit(error));
  }
}

/// Where async_with keeps the entered value for a body made before the
/// resource was entered: the object itself, or the address of the object a
/// reference names.
template <class Entered>
class entered_slot {
  using stored = std::conditional_t<std::is_reference_v<Entered>,
                                    std::remove_reference_t<Entered>*, Entered>;

public:
  template <class Value>
  void fill(Value&& value) {
    if constexpr (std::is_reference_v<Entered>)
      value_.emplace(std::addressof(value));
    else
      value_.emplace(std::forward<Value>(value));
  }
  std::remove_reference_t<Entered>& get() noexcept {
    if constexpr (std::is_reference_v<Entered>)
      return **value_;
    else
      return *value_;
  }

private:
  std::optional<stored> value_;
};

/// The body as one task: a body that throws before returning its awaitable
/// fails like one that throws inside it. It takes the entered value from
/// \p slot (nothing for void) when it starts.
template <class Result, class Body, class... Slot>
task<Result> run_body(Body& body, Slot&... slot) {
  co_return co_await std::invoke(body, slot.get()...);
}

/// A task made ahead of need, before a resource is entered, so that nothing
/// is left to allocate once it has been: dropped without the unawaited-task
/// report when the resource was not entered after all.
template <class T>
class reserved_task {
public:
  explicit reserved_task(task<T> work) noexcept : task_(std::move(work)) {}
  ~reserved_task() { task_access::drop(task_); }
  reserved_task(const reserved_task&) = delete;
  reserved_task& operator=(const reserved_task&) = delete;

  task<T> take() noexcept { return std::move(task_); }

private:
  task<T> task_;
};

/// What body(entered) returns (body() for void): std::invoke_result, so that
/// a body of the wrong shape fails the constraint instead of compiling.
template <class Body, class Entered>
struct scope_body_call : std::invoke_result<Body&, Entered&> {};
template <class Body>
struct scope_body_call<Body, void> : std::invoke_result<Body&> {};

template <class Body, class Entered>
concept body_for = requires { typename scope_body_call<Body, Entered>::type; } &&
                   awaitable<typename scope_body_call<Body, Entered>::type>;

template <class Body, class Entered>
using scope_body_result_t = await_result_t<typename scope_body_call<Body, Entered>::type>;

/// The end of a scope that ran one cleanup. \p error is the body's
/// exception, \p exit how the cleanup ended. Returns whether the body's
/// exception was suppressed; throws what must propagate.
inline bool settle_scope(const std::exception_ptr& error, outcome<bool> exit) {
  if (std::exception_ptr failure = exit.exception()) {
    // Nothing was propagating, or the resource suppressed it before a later
    // cleanup of its own failed: as `async with`, the failure propagates.
    if (!error || suppressed_then_failed(failure, error))
      std::rethrow_exception(failure);
    if (failure != error)
      report_cleanup_error(failure); // the body's exception wins (contract 2)
    std::rethrow_exception(error);
  }
  if (!error)
    return false;
  if (!std::move(exit).get() || is_cancellation(error))
    std::rethrow_exception(error); // cancellation is never suppressed (contract 3)
  return true;
}

[[noreturn]] inline void throw_suppressed_without_value() {
  throw std::logic_error(
      "coroscope::async_with: async_exit suppressed the exception of a body that "
      "returns a value, so there is no value to return; suppression needs a body "
      "of task<void>");
}

template <class Resource, class Body>
task<scope_body_result_t<Body, entered_t<std::remove_reference_t<Resource>>>>
with_resource(Resource resource, Body body) {
  using entered = entered_t<std::remove_reference_t<Resource>>;
  using result = scope_body_result_t<Body, entered>;
  const stop_token token = co_await current_stop_token();

  // What the scope needs once async_enter has succeeded is made first: the
  // exit (it reads `error` when it starts) and the body's frame. Once the
  // resource is entered, no allocation is left that could fail and skip
  // async_exit (contract 1). Entering is not shielded: a cancelled or
  // failing enter leaves nothing to exit, so its exception propagates.
  std::exception_ptr error;
  reserved_task<bool> exit(exit_resource_later(resource, error));
  std::optional<outcome<result>> ended; // emplaced: a result need not be assignable
  if constexpr (std::is_void_v<entered>) {
    reserved_task<result> running(run_body<result>(body));
    co_await resource.async_enter();
    ended.emplace(co_await outcome_awaiter<result>(running.take(), token));
  } else {
    entered_slot<entered> value;
    reserved_task<result> running(run_body<result>(body, value));
    value.fill(co_await resource.async_enter());
    ended.emplace(co_await outcome_awaiter<result>(running.take(), token));
  }
  error = ended->exception();
  if (settle_scope(error, co_await outcome_awaiter<bool>(exit.take(), stop_token()))) {
    if constexpr (std::is_void_v<result>)
      co_return;
    else
      throw_suppressed_without_value();
  } else {
    co_return std::move(*ended).get();
  }
}

} // namespace detail

/// `co_await async_with(resource, body)`: Python's
///
///   async with resource as value:
///       body
///
/// Awaits `resource.async_enter()`, then `body(value)` with the entered
/// value (or `body()` when async_enter gives void), then
/// `resource.async_exit(error)`, and gives the body's result.
///
/// - resource: an lvalue is used in place (it must outlive the await, and
///   can be entered again if its type allows, like a pool); an rvalue (e.g.
///   `async_with(open_connection("db"), ...)`) is moved into the scope and
///   lives until the scope ends.
/// - body: a callable returning a task<T> (or any awaitable). It receives
///   the entered value as an lvalue that lives until async_exit has run, so
///   it may take it by value, by reference or by const reference; for a
///   reference E it is the referenced object itself. async_with keeps the
///   body (and a lambda's captures) alive until the scope ends.
///
/// Contract:
/// 1. async_exit is awaited exactly once after a successful async_enter, on
///    success, error and cancellation, and never after a failed one.
/// 2. The body's exception wins: if async_exit fails while the body's
///    exception propagates, the failure goes to the cleanup-error handler
///    (errors.hpp) and the body's exception is rethrown. When the body
///    succeeded, async_exit's failure propagates as itself, as in Python.
/// 3. async_exit runs shielded from cancellation, and `true` suppresses the
///    body's exception (async_with then returns normally) unless it is a
///    `cancelled`, which is always rethrown. Suppression needs a body of
///    task<void>: for a body that returns a value there is nothing to
///    return, and async_with throws std::logic_error instead.
template <class Resource, class Body>
  requires async_resource<std::remove_reference_t<Resource>> &&
           detail::body_for<Body, entered_t<std::remove_reference_t<Resource>>>
auto async_with(Resource&& resource, Body body) {
  return detail::with_resource<Resource>(std::forward<Resource>(resource), std::move(body));
}

} // namespace coroscope

#endif
