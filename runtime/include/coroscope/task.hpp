// coroscope/task.hpp - task<T>, the coroutine type of coroscope.
//
// Python: a coroutine object. Calling a coroutine function creates the task
// and runs nothing; `co_await` runs it to completion and yields its result or
// rethrows its exception. A task is single-use: it is awaited once.
#ifndef COROSCOPE_TASK_HPP
#define COROSCOPE_TASK_HPP

#include <coroscope/detail/outcome.hpp>
#include <coroscope/detail/stop.hpp>

#include <concepts>
#include <coroutine>
#include <cstddef>
#include <exception>
#include <source_location>
#include <type_traits>
#include <utility>

namespace coroscope {

template <class T = void>
class task;

namespace detail {
struct task_access;
}

/// Called when a task that was never started is destroyed: Python's
/// "RuntimeWarning: coroutine '...' was never awaited". \p created is where
/// the coroutine is defined (see docs/runtime.md for what FILE:LINE denotes).
using unawaited_task_handler = void (*)(const std::source_location& created) noexcept;

/// Installs \p handler and returns the previous one; nullptr turns the report
/// off. The default is default_unawaited_task_handler in builds of the runtime
/// without NDEBUG, nullptr with it. Safe to call from any thread.
unawaited_task_handler set_unawaited_task_handler(unawaited_task_handler handler) noexcept;
unawaited_task_handler get_unawaited_task_handler() noexcept;

/// Writes "coroscope: task created at FILE:LINE was never awaited (FUNCTION)"
/// to stderr.
void default_unawaited_task_handler(const std::source_location& created) noexcept;

namespace detail {

void report_unawaited(const std::source_location& created) noexcept;

/// Coroutine frames come from a per-thread cache of recently freed frames.
void* allocate_frame(std::size_t size);
void free_frame(void* frame, std::size_t size) noexcept;
[[noreturn]] void throw_task_misuse(const char* what, const std::source_location& created);

/// Where a task is in its single life.
enum class task_state : unsigned char {
  created,          // never started
  running_inline,   // started inside its awaiter's await_suspend (g++ path)
  completed_inline, // finished before that await_suspend returned
  awaited,          // its awaiter is suspended until it finishes
};

// clang makes symmetric transfer a guaranteed tail call at every optimization
// level. g++ 12 does so only at -O2 without sanitizers; elsewhere each
// transfer would take a stack frame, so a loop of synchronously completing
// awaits would overflow. There the awaiter runs the task inline instead and
// simply continues when it already finished.
#if defined(__clang__)
inline constexpr bool transfer_is_tail_call = true;
#else
inline constexpr bool transfer_is_tail_call = false;
#endif

/// What every coroscope coroutine frame carries, whatever its result type.
struct promise_base {
  static void* operator new(std::size_t size) { return allocate_frame(size); }
  static void operator delete(void* frame, std::size_t size) noexcept { free_frame(frame, size); }

  std::suspend_always initial_suspend() noexcept { return {}; }

  stop_token token;                     // inherited from the awaiter
  std::coroutine_handle<> continuation; // the awaiter, resumed at the end
  std::source_location created;
  task_state state = task_state::created;
};

/// The promise type of whatever coroutine awaits a coroscope awaitable.
template <class Promise>
promise_base& awaiting_promise(std::coroutine_handle<Promise> coroutine) noexcept {
  static_assert(std::derived_from<Promise, promise_base>,
                "coroscope awaitables are awaited from coroscope coroutines "
                "(coroscope::task), which carry the stop token");
  return coroutine.promise();
}

/// Resumes the awaiter of a finished task: by symmetric transfer, or by
/// returning into the await_suspend that started it inline.
struct final_awaiter {
  bool await_ready() const noexcept { return false; }
  template <class Promise>
  std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> self) noexcept {
    promise_base& promise = self.promise();
    if (promise.state == task_state::running_inline) {
      promise.state = task_state::completed_inline;
      return std::noop_coroutine();
    }
    return promise.continuation;
  }
  void await_resume() const noexcept {}
};

template <class T>
struct promise : promise_base {
  task<T> get_return_object(
      std::source_location where = std::source_location::current()) noexcept;
  final_awaiter final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept { result.set_exception(std::current_exception()); }

  template <class U = T>
    requires std::convertible_to<U&&, T>
  void return_value(U&& value) {
    result.set_value(std::forward<U>(value));
  }

  outcome<T> result;
};

template <>
struct promise<void> : promise_base {
  task<void> get_return_object(
      std::source_location where = std::source_location::current()) noexcept;
  final_awaiter final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept { result.set_exception(std::current_exception()); }
  void return_void() noexcept {}

  outcome<void> result;
};

/// Starts \p child on behalf of \p parent under \p token; the parent resumes
/// when the child finishes. The body of every await_suspend that runs a task.
template <class Promise>
auto start_child(std::coroutine_handle<Promise> child, std::coroutine_handle<> parent,
                 stop_token token) noexcept {
  promise_base& promise = child.promise();
  promise.token = token;
  promise.continuation = parent;
  if constexpr (transfer_is_tail_call) {
    promise.state = task_state::awaited;
    return std::coroutine_handle<>(child);
  } else {
    promise.state = task_state::running_inline;
    child.resume();
    if (promise.state == task_state::completed_inline)
      return false;
    promise.state = task_state::awaited;
    return true;
  }
}

/// Awaits a task it does not own: the awaiter of co_await on a task, and the
/// building block of shield() and timeout(), which choose the child's token.
template <class T>
class task_awaiter {
public:
  using handle = std::coroutine_handle<promise<T>>;
  explicit task_awaiter(handle child) noexcept : child_(child) {}

  bool await_ready() const noexcept { return false; }
  template <class Promise>
  auto await_suspend(std::coroutine_handle<Promise> parent) noexcept {
    return start_under(parent, awaiting_promise(parent).token);
  }
  T await_resume() { return take_outcome().get(); }

  auto start_under(std::coroutine_handle<> parent, stop_token token) noexcept {
    return start_child(child_, parent, token);
  }
  /// The child's exception once it finished, or null.
  std::exception_ptr exception() const noexcept {
    return child_.promise().result.exception();
  }
  /// How the child finished, moved out of its frame.
  outcome<T>&& take_outcome() noexcept { return std::move(child_.promise().result); }

private:
  handle child_;
};

} // namespace detail

/// A lazy, single-use coroutine producing a T (a value, void, or a reference).
///
/// - Lazy: creating a task runs nothing; `co_await` starts it, and the
///   awaiter resumes when it finishes, without going through the loop and
///   without growing the stack however many tasks complete synchronously.
/// - Exceptions thrown by the body propagate to the awaiter.
/// - Single use: awaiting a task a second time (or a moved-from task) throws
///   std::logic_error; destroying a task that was never started frees its
///   frame and reports it to the unawaited-task handler.
/// - The task inherits the stop token of its awaiter (see cancel.hpp).
template <class T>
class [[nodiscard]] task {
public:
  using promise_type = detail::promise<T>;

  task(task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  task& operator=(task&& other) noexcept {
    task(std::move(other)).swap(*this);
    return *this;
  }
  ~task() {
    if (!handle_)
      return;
    if (handle_.promise().state == detail::task_state::created)
      detail::report_unawaited(handle_.promise().created);
    handle_.destroy();
  }

  void swap(task& other) noexcept { std::swap(handle_, other.handle_); }

  /// Starts the task; the co_await yields its result or rethrows.
  detail::task_awaiter<T> operator co_await() & { return detail::task_awaiter<T>(start_once()); }
  detail::task_awaiter<T> operator co_await() && { return detail::task_awaiter<T>(start_once()); }

private:
  friend promise_type;
  friend detail::task_access;
  explicit task(std::coroutine_handle<promise_type> handle) noexcept : handle_(handle) {}

  /// The frame, checked to be unstarted. Everything that runs a task
  /// (co_await, shield, timeout, spawn, run) goes through here.
  std::coroutine_handle<promise_type> start_once() {
    if (!handle_)
      detail::throw_task_misuse("co_await on an empty coroscope::task (moved from)", {});
    if (handle_.promise().state != detail::task_state::created)
      detail::throw_task_misuse("coroscope::task awaited twice; a task is single-use",
                                handle_.promise().created);
    return handle_;
  }

  std::coroutine_handle<promise_type> handle_;
};

/// The runtime's access to a task's frame.
struct detail::task_access {
  template <class T>
  static auto start_once(task<T>& t) {
    return t.start_once();
  }
  /// Destroys a task the runtime created and then had no loop to run on,
  /// without reporting it as never awaited: the runtime's choice, not a
  /// user's mistake.
  template <class T>
  static void drop(task<T>& t) noexcept {
    if (t.handle_)
      std::exchange(t.handle_, {}).destroy();
  }
};

template <class T>
task<T> detail::promise<T>::get_return_object(std::source_location where) noexcept {
  created = where;
  return task<T>(std::coroutine_handle<promise>::from_promise(*this));
}

inline task<void> detail::promise<void>::get_return_object(std::source_location where) noexcept {
  created = where;
  return task<void>(std::coroutine_handle<promise>::from_promise(*this));
}

namespace detail {

template <class T>
struct is_task : std::false_type {};
template <class T>
struct is_task<task<T>> : std::true_type {};

template <class Task>
struct task_result;
template <class T>
struct task_result<task<T>> {
  using type = T;
};

/// Whatever `co_await` accepts: an awaiter, or a type with operator co_await.
template <class A>
concept awaiter = requires(A& a) {
  { a.await_ready() } -> std::convertible_to<bool>;
  a.await_resume();
};
template <class A>
decltype(auto) get_awaiter(A&& a) {
  if constexpr (requires { std::forward<A>(a).operator co_await(); })
    return std::forward<A>(a).operator co_await();
  else if constexpr (requires { operator co_await(std::forward<A>(a)); })
    return operator co_await(std::forward<A>(a));
  else
    return std::forward<A>(a);
}
template <class A>
concept awaitable = awaiter<std::remove_reference_t<decltype(get_awaiter(std::declval<A>()))>>;
template <awaitable A>
using await_result_t = decltype(get_awaiter(std::declval<A>()).await_resume());

/// A task that awaits \p awaitable.
template <class A>
task<await_result_t<A>> as_task(A awaitable) {
  co_return co_await std::move(awaitable);
}

/// \p work as a task: a task moved in as it is, any other awaitable wrapped,
/// so that shield() and timeout() accept both.
template <class A>
auto to_task(A&& work) {
  using work_type = std::remove_cvref_t<A>;
  if constexpr (is_task<work_type>::value)
    return work_type(std::forward<A>(work));
  else
    return as_task(work_type(std::forward<A>(work)));
}

} // namespace detail
} // namespace coroscope

#endif
