// coroscope/run.hpp - run(), the event loop, and file descriptor readiness.
//
// Python: asyncio.run(main()), asyncio.get_running_loop(), and the
// loop.add_reader/add_writer pair as awaitables.
#ifndef COROSCOPE_RUN_HPP
#define COROSCOPE_RUN_HPP

#include <coroscope/detail/loop.hpp>
#include <coroscope/detail/wait.hpp>
#include <coroscope/task.hpp>

#include <coroutine>
#include <utility>

namespace coroscope {

/// Runs \p main on a new event loop on the calling thread until it finishes,
/// and returns its result or rethrows its exception: asyncio.run.
///
/// Throws std::logic_error when called from a task (a loop already runs on
/// this thread): co_await the task instead. Before returning, as asyncio.run
/// does, it cancels the background tasks still pending (a pool's close or
/// upkeep) and runs them to completion, so that their async cleanups run;
/// one that can never finish is reported to the cleanup-error handler and
/// destroyed. It also waits for run_blocking work that outlived its
/// (cancelled) awaiter, as asyncio.run shuts down its default executor.
template <class T>
T run(task<T> main) {
  event_loop loop;
  task<T> owned = std::move(main); // its frame goes before the loop does
  auto handle = detail::task_access::start_once(owned);
  detail::promise_base& promise = handle.promise();
  promise.state = detail::task_state::awaited;
  promise.continuation = std::noop_coroutine();
  loop.call_soon(handle);
  loop.run_until_done(handle);
  loop.finish_background();
  return std::move(handle.promise().result).get();
}

/// The loop running the calling task: asyncio.get_running_loop(). Throws
/// std::logic_error outside run().
inline event_loop& get_running_loop() { return event_loop::current(); }

namespace detail {

class [[nodiscard]] fd_awaitable : public cancellable_wait<fd_awaitable>, private fd_wait {
public:
  fd_awaitable(int fd, direction dir) noexcept : fd_wait(fd, dir, &on_ready) {}
  fd_awaitable(fd_awaitable&&) noexcept = default;
  ~fd_awaitable() {
    if (watched)
      loop().unwatch(*this);
  }

  bool await_ready() const noexcept { return false; }
  template <class Promise>
  bool await_suspend(std::coroutine_handle<Promise> self) {
    if (stopped_before_suspending(self))
      return false;
    suspend(self);
    loop().watch(*this);
    return true;
  }
  void await_resume() const { throw_if_cancelled(); }

private:
  friend cancellable_wait<fd_awaitable>;
  void withdraw() noexcept { loop().unwatch(*this); }
  static void on_ready(fd_wait& wait) noexcept { static_cast<fd_awaitable&>(wait).wake(); }
};

} // namespace detail

/// `co_await wait_readable(fd)` resumes once \p fd is readable (or has an
/// error or hang-up, which the next read reports). A cancellation point;
/// a stop request wakes it at once. At most one task may wait for reading
/// and one for writing on the same fd (std::logic_error otherwise); fds
/// epoll cannot watch (regular files) give std::system_error. The fd is
/// not watched between waits, so it may be closed then.
inline detail::fd_awaitable wait_readable(int fd) noexcept {
  return {fd, detail::fd_wait::direction::readable};
}

/// As wait_readable, for \p fd becoming writable.
inline detail::fd_awaitable wait_writable(int fd) noexcept {
  return {fd, detail::fd_wait::direction::writable};
}

} // namespace coroscope

#endif
