// coroscope/exit_stack.hpp - exit_stack, a dynamic stack of cleanups.
//
// Python: contextlib.AsyncExitStack. When the number of resources is known
// only at run time, they cannot be written as nested async_with scopes; an
// exit_stack enters them one by one and exits them all, last in, first out:
//
//   co_await async_with(exit_stack(), [&](exit_stack& stack) -> task<> {
//     for (const std::string& host : hosts)
//       connections.push_back(&co_await stack.enter(open_connection(host)));
//     ...
//   });   // every connection is closed here, in reverse order
#ifndef COROSCOPE_EXIT_STACK_HPP
#define COROSCOPE_EXIT_STACK_HPP

#include <coroscope/cancel.hpp>
#include <coroscope/detail/outcome.hpp>
#include <coroscope/errors.hpp>
#include <coroscope/scope.hpp>
#include <coroscope/task.hpp>

#include <concepts>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace coroscope {

namespace detail {

/// An owned object of a type known only to its deleter and to the exit
/// made for it (exit_entry).
//
// Type erasure by function pointers rather than virtual functions: g++
// instantiates the virtual functions of a class template where the class is
// defined, and then warns (-Wsubobject-linkage) about every coroutine frame
// they create that holds a type from the user's anonymous namespace. A
// function template whose address is taken is instantiated on behalf of the
// user's code instead.
using erased_object = std::unique_ptr<void, void (*)(void*)>;

template <class T>
erased_object erase(std::unique_ptr<T> object) {
  return erased_object(object.release(), [](void* erased) { delete static_cast<T*>(erased); });
}

template <class Resource>
struct held_resource {
  Resource resource; // a reference for an entered lvalue, the object for an rvalue
  std::exception_ptr pending; // what its exit is given, set when the stack closes
};

template <class F, class... Args>
struct held_callback {
  F fn;
  std::tuple<Args...> args;
  std::exception_ptr pending; // callbacks are not told
};

template <class Resource>
task<bool> exit_held_resource(held_resource<Resource>& held) {
  return exit_resource_later(held.resource, held.pending);
}

template <class Callback>
task<bool> run_async_callback(Callback& callback) {
  co_await std::apply(callback.fn, callback.args);
  co_return false;
}

template <class Callback>
task<bool> run_sync_callback(Callback& callback) {
  std::apply(callback.fn, callback.args);
  co_return false;
}

/// One registered cleanup; the stack owns it until it has run. Its exit is
/// made when it is registered, so that closing the stack allocates nothing
/// that could fail and leave an entered resource without its exit.
class exit_entry {
public:
  template <class Held>
  static exit_entry of(std::unique_ptr<Held> held, task<bool> (*make_exit)(Held&)) {
    Held& object = *held;
    task<bool> exit = make_exit(object); // if this fails, `held` still frees the object
    return exit_entry(erase(std::move(held)), std::move(exit), object.pending);
  }
  exit_entry(exit_entry&&) noexcept = default;
  exit_entry& operator=(exit_entry&&) = delete;
  ~exit_entry() { task_access::drop(exit_); } // never run: the stack reports that

  /// Gives true to suppress \p error. Called at most once; the entry must
  /// live until the returned task has finished.
  task<bool> exit(std::exception_ptr error) noexcept {
    *pending_ = std::move(error);
    return std::move(exit_);
  }

private:
  exit_entry(erased_object object, task<bool> exit, std::exception_ptr& pending) noexcept
      : object_(std::move(object)), exit_(std::move(exit)), pending_(&pending) {}

  // Destroyed in reverse: the exit, which refers to the object, goes first.
  erased_object object_;
  task<bool> exit_;
  std::exception_ptr* pending_;
};

} // namespace detail

/// A stack of entered resources and cleanup callbacks: AsyncExitStack.
///
/// - enter(resource) enters an async resource (scope.hpp; an async_context,
///   another exit_stack, ...) and gives its entered value; push_callback(fn,
///   args...) registers `co_await fn(args...)`, callback(fn, args...) a plain
///   call `fn(args...)`. Arguments are copied (or moved) into the stack.
/// - The stack is itself an async resource, so `async_with(stack, body)`
///   closes it however the body ends; aclose() closes it directly.
/// - Closing runs every cleanup exactly once, last registered first, each
///   shielded from cancellation; a resource whose async_enter failed was
///   never registered. Owned resources are destroyed right after their exit.
/// - The body's exception wins: a failing cleanup is reported to the
///   cleanup-error handler (errors.hpp) and the remaining cleanups still run.
///   When the body succeeded (or aclose() was called), failing cleanups are
///   collected and thrown together as cleanup_error, in the order they ran.
/// - Suppression: a resource's async_exit returning true suppresses the
///   body's exception (never a `cancelled`); the resources exited after it
///   see no exception, and the stack's own async_exit returns true. From
///   then on the body counts as succeeded: if a later cleanup fails, the
///   stack throws cleanup_error (its suppressed() is the body's exception)
///   instead, and async_with propagates it.
/// - pop_all() moves every registration to a new stack, leaving this one
///   empty: ownership transfer out of a factory.
/// - Single use once closed: enter, push_callback, callback, pop_all,
///   async_enter, async_exit and aclose on a closed stack throw
///   std::logic_error.
/// - Destroying a stack that still holds cleanups cannot run them (a
///   destructor cannot co_await): it reports them to the cleanup-error
///   handler and destroys what it owns.
///
/// Like everything on the loop, a stack is used from the loop's thread;
/// several tasks may enter into the same stack concurrently, and an entry
/// is registered when its async_enter completes.
class exit_stack {
public:
  exit_stack() = default;
  exit_stack(exit_stack&& other) noexcept
      : entries_(std::exchange(other.entries_, {})), closed_(other.closed_) {}
  exit_stack& operator=(exit_stack&& other) noexcept {
    exit_stack(std::move(other)).swap(*this);
    return *this;
  }
  ~exit_stack();

  void swap(exit_stack& other) noexcept {
    entries_.swap(other.entries_);
    std::swap(closed_, other.closed_);
  }

  /// The resource protocol: gives the stack itself (`as stack`).
  task<exit_stack&> async_enter() {
    check_open("async_enter");
    co_return *this;
  }

  /// Closes the stack: runs every cleanup, LIFO, with \p error (the body's
  /// exception, or null) as described above. Returns true when a resource
  /// suppressed \p error; throws cleanup_error when cleanups failed while
  /// no exception was pending (\p error null, or suppressed before them).
  task<bool> async_exit(std::exception_ptr error);

  /// `co_await stack.enter(resource)`: enters \p resource and registers its
  /// exit; gives its entered value. An lvalue is held by reference and must
  /// outlive the stack's close; an rvalue is moved into the stack. If
  /// async_enter fails, nothing is registered and the exception propagates.
  template <class Resource>
    requires async_resource<std::remove_reference_t<Resource>>
  task<entered_t<std::remove_reference_t<Resource>>> enter(Resource&& resource) {
    using held = detail::held_resource<Resource>;
    auto entry = std::make_unique<held>(held{std::forward<Resource>(resource), nullptr});
    return enter_held<Resource>(std::move(entry));
  }

  /// Registers `co_await fn(args...)` as a cleanup (push_async_callback).
  template <class F, class... Args>
    requires std::invocable<F&, Args&...> && detail::awaitable<std::invoke_result_t<F&, Args&...>>
  void push_callback(F fn, Args... args) {
    using held = detail::held_callback<F, Args...>;
    push("push_callback",
         detail::exit_entry::of(std::make_unique<held>(held{std::move(fn), {std::move(args)...}, nullptr}),
                                &detail::run_async_callback<held>));
  }

  /// Registers the call `fn(args...)` as a cleanup (callback).
  template <class F, class... Args>
    requires std::invocable<F&, Args&...>
  void callback(F fn, Args... args) {
    using held = detail::held_callback<F, Args...>;
    push("callback",
         detail::exit_entry::of(std::make_unique<held>(held{std::move(fn), {std::move(args)...}, nullptr}),
                                &detail::run_sync_callback<held>));
  }

  /// Moves every registration to a new, open stack and returns it; this
  /// stack stays open and empty.
  exit_stack pop_all();

  /// Closes the stack as if a body had succeeded: throws cleanup_error when
  /// cleanups failed.
  task<void> aclose();

private:
  template <class Resource>
  task<entered_t<std::remove_reference_t<Resource>>>
  enter_held(std::unique_ptr<detail::held_resource<Resource>> held) {
    using entered = entered_t<std::remove_reference_t<Resource>>;
    check_open("enter");
    auto& resource = held->resource;
    detail::exit_entry entry =
        detail::exit_entry::of(std::move(held), &detail::exit_held_resource<Resource>);
    const registration_slot slot(*this);
    if constexpr (std::is_void_v<entered>) {
      co_await resource.async_enter();
      if (closed_)
        co_await exit_late(std::move(entry)); // throws
      else
        entries_.push_back(std::move(entry)); // into the slot: cannot throw
    } else {
      entered value = co_await resource.async_enter();
      if (closed_)
        co_await exit_late(std::move(entry)); // throws
      else
        entries_.push_back(std::move(entry)); // into the slot: cannot throw
      co_return std::forward<entered>(value);
    }
  }

  /// Room in entries_ for one more, made before a resource is entered: once
  /// it has been, registering it allocates nothing that could fail and
  /// leave it without its exit (contract 1).
  class registration_slot {
  public:
    explicit registration_slot(exit_stack& stack) : stack_(stack) {
      stack_.entries_.reserve(stack_.entries_.size() + stack_.entering_ + 1);
      ++stack_.entering_;
    }
    ~registration_slot() { --stack_.entering_; }
    registration_slot(const registration_slot&) = delete;
    registration_slot& operator=(const registration_slot&) = delete;

  private:
    exit_stack& stack_;
  };

  /// A resource whose async_enter completed after the stack was closed (by
  /// another task): exits it at once and throws.
  task<void> exit_late(detail::exit_entry entry);
  void push(const char* operation, detail::exit_entry entry);
  void check_open(const char* operation) const;

  std::vector<detail::exit_entry> entries_;
  std::size_t entering_ = 0; // enters under way, each with a slot in entries_
  bool closed_ = false;
};

inline exit_stack::~exit_stack() {
  if (entries_.empty())
    return;
  report_cleanup_error(std::make_exception_ptr(std::logic_error(
      "coroscope::exit_stack destroyed with " + std::to_string(entries_.size()) +
      " cleanup(s) that never ran; close it with aclose() or use it with async_with()")));
}

inline void exit_stack::check_open(const char* operation) const {
  if (closed_)
    throw std::logic_error(std::string("coroscope::exit_stack::") + operation +
                           " on a closed exit_stack; an exit_stack is single-use once closed");
}

inline void exit_stack::push(const char* operation, detail::exit_entry entry) {
  check_open(operation);
  entries_.push_back(std::move(entry));
}

inline task<void> exit_stack::exit_late(detail::exit_entry entry) {
  detail::outcome<bool> exit =
      co_await detail::outcome_awaiter<bool>(entry.exit(nullptr), stop_token());
  if (std::exception_ptr failure = exit.exception())
    report_cleanup_error(failure);
  check_open("enter");
}

inline task<bool> exit_stack::async_exit(std::exception_ptr error) {
  check_open("async_exit");
  closed_ = true;
  std::vector<detail::exit_entry> entries = std::exchange(entries_, {});
  std::vector<std::exception_ptr> failures;
  bool suppressed = false;
  while (!entries.empty()) {
    detail::exit_entry entry = std::move(entries.back());
    entries.pop_back();
    const std::exception_ptr pending = suppressed ? nullptr : error;
    detail::outcome<bool> exit =
        co_await detail::outcome_awaiter<bool>(entry.exit(pending), stop_token());
    if (std::exception_ptr failure = exit.exception()) {
      // Once the body's exception is suppressed the body counts as
      // succeeded: later failures propagate, as from AsyncExitStack.
      if (detail::suppressed_then_failed(failure, pending))
        suppressed = true; // a nested stack did both
      if (!pending || suppressed)
        failures.push_back(failure);
      else if (failure != pending) // rethrowing what it was given is no failure
        report_cleanup_error(failure);
    } else if (std::move(exit).get() && pending && !detail::is_cancellation(pending)) {
      suppressed = true;
    }
  }
  if (!failures.empty())
    throw cleanup_error(std::move(failures), suppressed ? error : nullptr);
  co_return suppressed;
}

inline exit_stack exit_stack::pop_all() {
  check_open("pop_all");
  std::vector<detail::exit_entry> slots; // for the enters still under way
  slots.reserve(entering_);
  exit_stack moved;
  moved.entries_ = std::exchange(entries_, std::move(slots));
  return moved;
}

inline task<void> exit_stack::aclose() {
  check_open("aclose");
  co_await async_exit(nullptr);
}

} // namespace coroscope

#endif
