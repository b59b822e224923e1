// coroscope/detail/background.hpp - tasks the loop runs on its own.
//
// A lease's destructor cannot await the close of a discarded connection,
// and a pool's upkeep (closing idle items, topping up min_size) belongs to
// no caller. Such work runs detached on the loop, linked into the loop's
// list of background tasks, under the loop's background token: when run()'s
// main task ends, the loop cancels them and runs them to completion, as
// asyncio.run cancels the tasks still pending (event_loop::finish_background).
#ifndef COROSCOPE_DETAIL_BACKGROUND_HPP
#define COROSCOPE_DETAIL_BACKGROUND_HPP

#include <coroscope/detail/loop.hpp>
#include <coroscope/detail/outcome.hpp>
#include <coroscope/errors.hpp>
#include <coroscope/task.hpp>

#include <coroutine>
#include <exception>
#include <optional>
#include <utility>

namespace coroscope::detail {

struct background_promise;

/// The self-destroying frame of a background task.
struct background_frame {
  using promise_type = background_promise;
  std::coroutine_handle<background_promise> handle;
};

struct background_promise : promise_base, background_node {
  background_frame get_return_object() noexcept {
    auto handle = std::coroutine_handle<background_promise>::from_promise(*this);
    frame = handle;
    return {handle};
  }
  std::suspend_never final_suspend() noexcept {
    unlink(); // the loop no longer waits for it
    return {};
  }
  /// Nobody awaits it, so a failure is reported; being cancelled when run()
  /// ends is how it is meant to stop, no failure.
  void unhandled_exception() noexcept {
    if (!is_cancellation(std::current_exception()))
      report_cleanup_error(std::current_exception());
  }
  void return_void() noexcept {}
};

inline background_frame run_detached(task<void> work) { co_await std::move(work); }

/// Starts \p work on the running loop, detached: nobody awaits it, a failure
/// goes to the cleanup-error handler, and run() cancels it and waits for it
/// when its main task ends. \p token, if given, must be linked to the loop's
/// background_token(), so that run() can still cancel it.
inline void spawn_background(task<void> work, std::optional<stop_token> token = std::nullopt) {
  event_loop& loop = event_loop::current();
  background_frame started = run_detached(std::move(work));
  started.handle.promise().token = token.value_or(loop.background_token());
  loop.start_background(started.handle.promise());
}

} // namespace coroscope::detail

#endif
