// coroscope/task_group.hpp - structured concurrency: task_group, when_all.
//
// Python: `async with asyncio.TaskGroup() as tg: tg.create_task(...)` and
// asyncio.gather. Tasks run concurrently on the loop, and the scope that
// started them does not end before every one of them has.
#ifndef COROSCOPE_TASK_GROUP_HPP
#define COROSCOPE_TASK_GROUP_HPP

#include <coroscope/cancel.hpp>
#include <coroscope/detail/loop.hpp>
#include <coroscope/detail/outcome.hpp>
#include <coroscope/errors.hpp>
#include <coroscope/task.hpp>

#include <concepts>
#include <coroutine>
#include <cstddef>
#include <exception>
#include <functional>
#include <ranges>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace coroscope {

class task_group;

namespace detail {

struct group_child_promise;

/// The frame that runs one spawned task and reports its end to the group;
/// it frees itself when done.
struct group_child {
  using promise_type = group_child_promise;
  std::coroutine_handle<group_child_promise> handle;
};

struct group_child_promise : promise_base {
  group_child_promise(task_group& group, task<void>&) noexcept : group(group) {}
  group_child get_return_object() noexcept {
    return {std::coroutine_handle<group_child_promise>::from_promise(*this)};
  }
  std::suspend_never final_suspend() noexcept;
  void unhandled_exception() noexcept { error = std::current_exception(); }
  void return_void() noexcept {}

  task_group& group;
  std::exception_ptr error;
};

inline group_child run_child(task_group&, task<void> child) { co_await std::move(child); }

template <class Body>
using body_result_t = typename task_result<std::invoke_result_t<Body&, task_group&>>::type;

/// The body as one task, so that even a body that is no coroutine itself and
/// throws after spawning children ends like any failing body: the scope
/// still waits for those children.
template <class Body>
task<body_result_t<Body>> invoke_body(Body& body, task_group& group) {
  co_return co_await std::invoke(body, group);
}

} // namespace detail

/// The children of one with_task_group() scope: TaskGroup.
///
/// - spawn() starts a child on the loop's next iteration; the scope's end
///   waits for every child, however the body ended.
/// - The first error (of a child or of the body) cancels the other children
///   and the body, and is rethrown at the end; later errors go to the
///   cleanup-error handler (errors.hpp). A child's cancelled is not an error.
/// - Cancelling the task that awaits the scope cancels body and children.
/// - cancel() cancels the children (not the body): the scope then ends
///   normally once they have finished.
///
/// Only with_task_group() creates one, so a group cannot outlive its scope
/// or end without joining its children.
class task_group {
public:
  task_group(const task_group&) = delete;
  task_group& operator=(const task_group&) = delete;

  /// Starts \p child as a child of the group. Throws std::logic_error for a
  /// task that was already awaited (or is empty). Callable from the body and
  /// from children while the scope has not ended.
  void spawn(task<void> child);

  /// Requests every child to stop; children spawned later start cancelled.
  void cancel() noexcept { children_.request_stop(); }

private:
  template <class Body>
    requires std::invocable<Body&, task_group&> &&
             detail::is_task<std::invoke_result_t<Body&, task_group&>>::value
  friend task<detail::body_result_t<Body>> with_task_group(Body body);
  friend detail::group_child_promise;

  class [[nodiscard]] join_awaitable {
  public:
    explicit join_awaitable(task_group& group) noexcept : group_(group) {}
    bool await_ready() const noexcept { return group_.running_ == 0; }
    void await_suspend(std::coroutine_handle<> self) noexcept { group_.joiner_ = self; }
    void await_resume() const noexcept {}

  private:
    task_group& group_;
  };

  explicit task_group(stop_token outer);

  /// Waits for every child; not a cancellation point, as the scope must not
  /// end while children run.
  join_awaitable join() noexcept { return join_awaitable(*this); }
  void fail(std::exception_ptr error) noexcept;
  void child_finished(std::exception_ptr error) noexcept;

  detail::stop_source children_;
  detail::stop_source body_;
  event_loop& loop_;
  std::size_t running_ = 0;
  std::coroutine_handle<> joiner_;
  std::exception_ptr first_error_;
};

inline std::suspend_never detail::group_child_promise::final_suspend() noexcept {
  group.child_finished(std::move(error));
  return {};
}

/// `co_await with_task_group(body)` opens a task group, awaits
/// `body(group)` (a task) inside it, waits for every child, and gives the
/// body's result or rethrows the first error: `async with TaskGroup() as tg`.
///
///   co_await with_task_group([&](task_group& group) -> task<> {
///     group.spawn(fetch("a"));
///     group.spawn(fetch("b"));
///     co_return;
///   });
template <class Body>
  requires std::invocable<Body&, task_group&> &&
           detail::is_task<std::invoke_result_t<Body&, task_group&>>::value
task<detail::body_result_t<Body>> with_task_group(Body body) {
  using result = detail::body_result_t<Body>;
  const stop_token outer = co_await current_stop_token();
  task_group group(outer);
  detail::outcome<result> body_outcome = co_await detail::outcome_awaiter<result>(
      detail::invoke_body(body, group), group.body_.get_token());
  group.fail(body_outcome.exception());
  co_await group.join();
  if (group.first_error_)
    std::rethrow_exception(group.first_error_);
  if (outer.stop_requested())
    throw cancelled();
  co_return std::move(body_outcome).get();
}

namespace detail {

template <class T>
task<void> store_into(task<T> work, outcome<T>& slot) {
  if constexpr (std::is_void_v<T>) {
    co_await std::move(work);
    slot.set_value();
  } else {
    slot.set_value(co_await std::move(work));
  }
}

template <class... T, std::size_t... I>
task<std::tuple<value_or_monostate_t<T>...>> when_all_of(std::index_sequence<I...>,
                                                        task<T>... work) {
  std::tuple<outcome<T>...> results;
  co_await with_task_group([&](task_group& group) -> task<void> {
    (group.spawn(store_into(std::move(work), std::get<I>(results))), ...);
    co_return;
  });
  co_return std::tuple<value_or_monostate_t<T>...>(take_value(std::move(std::get<I>(results)))...);
}

template <class T>
using when_all_vector_t = std::conditional_t<std::is_void_v<T>, void, std::vector<value_or_monostate_t<T>>>;

template <class T>
task<when_all_vector_t<T>> when_all_of(std::vector<task<T>> work) {
  std::vector<outcome<T>> results(work.size());
  co_await with_task_group([&](task_group& group) -> task<void> {
    for (std::size_t i = 0; i < work.size(); ++i)
      group.spawn(store_into(std::move(work[i]), results[i]));
    co_return;
  });
  if constexpr (std::is_void_v<T>) {
    co_return;
  } else {
    std::vector<T> values;
    values.reserve(results.size());
    for (outcome<T>& result : results)
      values.push_back(std::move(result).get());
    co_return values;
  }
}

} // namespace detail

/// `co_await when_all(a(), b(), c())` runs the tasks concurrently as
/// children of a task group and gives a tuple of their results (void
/// becomes std::monostate): asyncio.gather, with TaskGroup's error handling:
/// the first error cancels the others and is rethrown once all have ended.
template <class... T>
task<std::tuple<detail::value_or_monostate_t<T>...>> when_all(task<T>... work) {
  return detail::when_all_of(std::index_sequence_for<T...>(), std::move(work)...);
}

/// As when_all, for a range of task<T> (a container is moved in, a view
/// may produce the tasks): a std::vector<T> of the results in the range's
/// order, or void for task<void>.
template <std::ranges::input_range Tasks>
  requires detail::is_task<std::ranges::range_value_t<Tasks>>::value
auto when_all(Tasks work) {
  using T = typename detail::task_result<std::ranges::range_value_t<Tasks>>::type;
  static_assert(!std::is_reference_v<T>,
                "when_all over a range of task<T&> would need a vector of references");
  std::vector<task<T>> owned;
  for (auto&& each : work)
    owned.push_back(std::move(each));
  return detail::when_all_of(std::move(owned));
}

} // namespace coroscope

#endif
