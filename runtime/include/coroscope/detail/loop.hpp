// coroscope/detail/loop.hpp - the event loop behind run().
//
// Include <coroscope/run.hpp>; this header holds the class so that the
// awaitables of the other headers can reach the loop inline.
#ifndef COROSCOPE_DETAIL_LOOP_HPP
#define COROSCOPE_DETAIL_LOOP_HPP

#include <coroscope/detail/intrusive_list.hpp>
#include <coroscope/detail/stop.hpp>

#include <atomic>
#include <chrono>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace coroscope {

class event_loop;

namespace detail {

/// A deadline in the loop's timer heap; lives in the awaitable that waits.
struct timer {
  using fire_fn = void (*)(timer&) noexcept;
  explicit timer(fire_fn on_fire) noexcept : fire(on_fire) {}

  bool pending() const noexcept { return heap_index != not_queued; }

  static constexpr std::size_t not_queued = static_cast<std::size_t>(-1);
  std::chrono::steady_clock::time_point deadline{};
  std::uint64_t sequence = 0; // keeps timers with equal deadlines FIFO
  std::size_t heap_index = not_queued;
  fire_fn fire;
};

/// Interest in one direction of a file descriptor; lives in the awaitable.
struct fd_wait {
  enum class direction : unsigned char { readable, writable };
  using ready_fn = void (*)(fd_wait&) noexcept;
  fd_wait(int fd, direction dir, ready_fn on_ready) noexcept
      : fd(fd), dir(dir), ready(on_ready) {}

  int fd;
  direction dir;
  bool watched = false;
  ready_fn ready;
};

/// The coroutines ready to resume, FIFO: a growable ring buffer, so that in
/// steady state scheduling and running a coroutine allocate nothing.
class ready_queue {
public:
  bool empty() const noexcept { return head_ == tail_; }
  std::size_t size() const noexcept { return tail_ - head_; }

  void push(std::coroutine_handle<> coroutine) {
    if (size() == slots_.size())
      grow();
    slots_[tail_++ & (slots_.size() - 1)] = coroutine;
  }
  std::coroutine_handle<> pop() noexcept { return slots_[head_++ & (slots_.size() - 1)]; }

private:
  void grow() {
    std::vector<std::coroutine_handle<>> larger(slots_.empty() ? 64 : 2 * slots_.size());
    for (std::size_t i = 0; i < size(); ++i)
      larger[i] = slots_[(head_ + i) & (slots_.size() - 1)];
    tail_ = size();
    head_ = 0;
    slots_.swap(larger);
  }

  std::vector<std::coroutine_handle<>> slots_; // a power of two in size
  std::size_t head_ = 0;                      // both only ever grow
  std::size_t tail_ = 0;
};

/// A task the loop runs detached from any awaiter (a pool's background
/// close or housekeeping): the link by which the loop finds it at the end
/// of run(). Embedded in the task's promise (detail/background.hpp).
struct background_node : list_node<background_node> {
  std::coroutine_handle<> frame;
};

class thread_pool;

/// The loop of the calling thread, or null: read on every wait, so inline.
extern constinit thread_local event_loop* running_loop;

[[noreturn]] void throw_no_running_loop();

} // namespace detail

/// A single-threaded event loop: the coroutines it runs, the timers, file
/// descriptor readiness (epoll) and work posted from other threads (eventfd).
/// run() creates one for the duration of a call; tasks reach it through
/// get_running_loop(). Python's asyncio event loop.
///
/// Everything but call_soon_threadsafe must be called on the loop's thread.
class event_loop {
public:
  /// Becomes the running loop of the calling thread; throws std::logic_error
  /// if that thread already runs one.
  event_loop();
  ~event_loop();
  event_loop(const event_loop&) = delete;
  event_loop& operator=(const event_loop&) = delete;

  /// The loop running on the calling thread; std::logic_error if none.
  static event_loop& current() {
    if (detail::running_loop == nullptr)
      detail::throw_no_running_loop();
    return *detail::running_loop;
  }

  /// Python's loop.call_soon for a coroutine: resumes \p coroutine on a later
  /// iteration, after everything already scheduled.
  void call_soon(std::coroutine_handle<> coroutine) { ready_.push(coroutine); }

  /// Python's loop.call_soon_threadsafe: runs \p callback on the loop thread
  /// soon, waking the loop if it sleeps. Callable from any thread while run()
  /// has not returned. The callback must not throw.
  void call_soon_threadsafe(std::function<void()> callback);

  // The runtime's own machinery, used by the awaitables of the other headers.

  /// Runs iterations until \p main (already scheduled) is done.
  void run_until_done(std::coroutine_handle<> main);

  void add_timer(detail::timer& timer);
  void cancel_timer(detail::timer& timer) noexcept;

  /// Throws std::logic_error if another task already waits for the same fd
  /// in the same direction, std::system_error if epoll refuses the fd.
  void watch(detail::fd_wait& wait);
  void unwatch(detail::fd_wait& wait) noexcept;

  /// Runs \p job on the loop's worker thread pool (created on first use).
  void offload(std::function<void()> job);

  /// Schedules a detached task (see background_node); it unlinks itself
  /// when it ends. Its stop token is background_token().
  void start_background(detail::background_node& node);
  stop_token background_token() noexcept { return shutdown_.get_token(); }

  /// As asyncio.run does once its main task is done: cancels the background
  /// tasks, runs the loop until they have finished, and reports (to the
  /// cleanup-error handler) and destroys those that never can: nothing that
  /// could still run is waiting any more.
  void finish_background() noexcept;

private:
  struct fd_interest {
    detail::fd_wait* reader = nullptr;
    detail::fd_wait* writer = nullptr;
    std::uint32_t events = 0; // registered with epoll
  };

  void run_once();
  bool can_make_progress() const noexcept;
  int poll_timeout_ms() const;
  void poll(int timeout_ms);
  void run_posted() noexcept;
  void fire_expired_timers();
  void update_interest(int fd, fd_interest& interest) noexcept;

  void heap_swap(std::size_t a, std::size_t b) noexcept;
  void heap_sift_up(std::size_t index) noexcept;
  void heap_sift_down(std::size_t index) noexcept;

  int epoll_fd_ = -1;
  int wake_fd_ = -1; // eventfd: call_soon_threadsafe wakes a sleeping loop
  detail::ready_queue ready_;
  std::vector<detail::timer*> timers_; // binary min-heap on (deadline, sequence)
  std::uint64_t next_timer_sequence_ = 0;
  std::unordered_map<int, fd_interest> fds_;

  std::mutex posted_mutex_;
  std::vector<std::function<void()>> posted_;
  std::atomic<bool> has_posted_{false};

  std::unique_ptr<detail::thread_pool> pool_;
  std::atomic<std::size_t> offloaded_{0}; // jobs submitted and not yet finished

  detail::stop_source shutdown_;
  detail::intrusive_list<detail::background_node> background_;
};

} // namespace coroscope

#endif
