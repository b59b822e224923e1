#include <coroscope/detail/loop.hpp>

#include "thread_pool.hpp"

#include <coroscope/errors.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <utility>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace coroscope {
namespace detail {

constinit thread_local event_loop* running_loop = nullptr;

void throw_no_running_loop() {
  throw std::logic_error("coroscope: no event loop is running on this thread; "
                         "start one with coroscope::run()");
}

} // namespace detail

namespace {

using detail::running_loop;

[[noreturn]] void throw_errno(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

bool earlier(const detail::timer* a, const detail::timer* b) noexcept {
  return a->deadline != b->deadline ? a->deadline < b->deadline : a->sequence < b->sequence;
}

std::uint32_t wanted_events(const detail::fd_wait* reader, const detail::fd_wait* writer) {
  return (reader != nullptr ? EPOLLIN : 0u) | (writer != nullptr ? EPOLLOUT : 0u);
}

// Python's ThreadPoolExecutor default: enough threads for blocking I/O.
std::size_t default_pool_size() {
  return std::min<std::size_t>(32, std::thread::hardware_concurrency() + 4);
}

} // namespace

event_loop::event_loop() {
  if (running_loop != nullptr)
    throw std::logic_error(
        "coroscope::run() called while an event loop is running on this thread; "
        "co_await the task instead (like asyncio.run() inside a running loop)");
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd_ < 0)
    throw_errno("coroscope: epoll_create1");
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake_fd_ < 0) {
    ::close(epoll_fd_);
    throw_errno("coroscope: eventfd");
  }
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.fd = wake_fd_;
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &event) < 0) {
    ::close(wake_fd_);
    ::close(epoll_fd_);
    throw_errno("coroscope: epoll_ctl(eventfd)");
  }
  running_loop = this;
}

event_loop::~event_loop() {
  shutdown_.request_stop(); // unlinks every stop source linked to it
  // As asyncio.run() shuts down the default executor: work that outlived its
  // (cancelled) awaiter finishes, and what it posted back is run.
  pool_.reset();
  run_posted();
  running_loop = nullptr;
  ::close(wake_fd_);
  ::close(epoll_fd_);
}

void event_loop::call_soon_threadsafe(std::function<void()> callback) {
  std::lock_guard lock(posted_mutex_);
  posted_.push_back(std::move(callback));
  if (!has_posted_.exchange(true, std::memory_order_release)) {
    const std::uint64_t one = 1;
    // Only fails when the counter would overflow, i.e. a wake-up is pending.
    [[maybe_unused]] ssize_t written = ::write(wake_fd_, &one, sizeof one);
  }
}

void event_loop::offload(std::function<void()> job) {
  if (!pool_)
    pool_ = std::make_unique<detail::thread_pool>(default_pool_size());
  offloaded_.fetch_add(1, std::memory_order_relaxed);
  // The job posts its completion before it counts itself done, so that a
  // loop seeing the count at zero also sees what it posted.
  pool_->submit([this, job = std::move(job)] {
    job();
    offloaded_.fetch_sub(1, std::memory_order_release);
  });
}

void event_loop::start_background(detail::background_node& node) {
  call_soon(node.frame);
  background_.push_back(node);
}

bool event_loop::can_make_progress() const noexcept {
  return !ready_.empty() || !timers_.empty() || !fds_.empty() ||
         offloaded_.load(std::memory_order_acquire) != 0 ||
         has_posted_.load(std::memory_order_acquire);
}

void event_loop::finish_background() noexcept {
  shutdown_.request_stop();
  std::size_t stuck = 0;
  for (;;) {
    try {
      while (!background_.empty() && can_make_progress())
        run_once();
    } catch (...) {
      report_cleanup_error(std::current_exception());
    }
    detail::background_node* node = background_.pop_front();
    if (node == nullptr)
      break;
    // Its destructors run and its memory is freed; what they start in turn
    // (a lease returned from its frame) runs in the next round.
    node->frame.destroy();
    ++stuck;
  }
  if (stuck != 0)
    report_cleanup_error(std::make_exception_ptr(std::runtime_error(
        "coroscope::run: " + std::to_string(stuck) +
        " background task(s) (a pool's close or upkeep) could not finish after the main task "
        "ended and were destroyed: each waits, shielded, for something nothing will deliver")));
}

void event_loop::run_until_done(std::coroutine_handle<> main) {
  while (!main.done())
    run_once();
}

// One iteration, as asyncio's _run_once: wait for I/O (not at all when
// coroutines are ready), then collect posted callbacks and expired timers,
// then resume the coroutines that were ready when the iteration began, so
// that a coroutine rescheduling itself cannot starve the others.
void event_loop::run_once() {
  const int timeout_ms = ready_.empty() ? poll_timeout_ms() : 0;
  // With coroutines ready and no fd watched, nothing but posted work can be
  // pending, and has_posted_ tells that without a system call.
  if (timeout_ms != 0 || !fds_.empty())
    poll(timeout_ms);
  if (has_posted_.load(std::memory_order_acquire))
    run_posted();
  if (!timers_.empty())
    fire_expired_timers();
  for (std::size_t n = ready_.size(); n > 0; --n)
    ready_.pop().resume();
}

int event_loop::poll_timeout_ms() const {
  if (timers_.empty())
    return -1;
  const auto wait = timers_.front()->deadline - std::chrono::steady_clock::now();
  if (wait <= wait.zero())
    return 0;
  // Rounded up: waking before the deadline would only spin.
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(wait).count();
  return static_cast<int>(std::min<decltype(wait.count())>(ms, std::numeric_limits<int>::max()));
}

void event_loop::poll(int timeout_ms) {
  epoll_event events[64];
  const int count = ::epoll_wait(epoll_fd_, events, 64, timeout_ms);
  if (count < 0) {
    if (errno == EINTR)
      return;
    throw_errno("coroscope: epoll_wait");
  }
  for (const epoll_event& event : std::span(events, static_cast<std::size_t>(count))) {
    const int fd = event.data.fd;
    if (fd == wake_fd_) {
      std::uint64_t count_ignored;
      [[maybe_unused]] ssize_t read = ::read(wake_fd_, &count_ignored, sizeof count_ignored);
      continue;
    }
    auto found = fds_.find(fd);
    if (found == fds_.end())
      continue;
    fd_interest& interest = found->second;
    // An error or hang-up wakes both directions: the next read or write
    // reports it to whoever tries.
    const std::uint32_t failed = event.events & (EPOLLERR | EPOLLHUP);
    detail::fd_wait* reader = (event.events & EPOLLIN) || failed ? std::exchange(interest.reader, nullptr) : nullptr;
    detail::fd_wait* writer = (event.events & EPOLLOUT) || failed ? std::exchange(interest.writer, nullptr) : nullptr;
    update_interest(fd, interest); // may erase `interest`
    for (detail::fd_wait* wait : {reader, writer}) {
      if (wait != nullptr) {
        wait->watched = false;
        wait->ready(*wait);
      }
    }
  }
}

void event_loop::run_posted() noexcept {
  std::vector<std::function<void()>> batch;
  {
    std::lock_guard lock(posted_mutex_);
    batch.swap(posted_);
    has_posted_.store(false, std::memory_order_relaxed);
  }
  for (std::function<void()>& callback : batch)
    callback();
}

void event_loop::fire_expired_timers() {
  const auto now = std::chrono::steady_clock::now();
  // A timer's action may add or cancel timers; the heap is re-read each time.
  while (!timers_.empty() && timers_.front()->deadline <= now) {
    detail::timer& expired = *timers_.front();
    cancel_timer(expired);
    expired.fire(expired);
  }
}

void event_loop::add_timer(detail::timer& timer) {
  timer.sequence = next_timer_sequence_++;
  timer.heap_index = timers_.size();
  timers_.push_back(&timer);
  heap_sift_up(timer.heap_index);
}

void event_loop::cancel_timer(detail::timer& timer) noexcept {
  if (!timer.pending())
    return;
  const std::size_t index = timer.heap_index;
  const std::size_t last = timers_.size() - 1;
  if (index != last) {
    heap_swap(index, last);
    timers_.pop_back();
    heap_sift_down(index);
    heap_sift_up(index);
  } else {
    timers_.pop_back();
  }
  timer.heap_index = detail::timer::not_queued;
}

void event_loop::heap_swap(std::size_t a, std::size_t b) noexcept {
  std::swap(timers_[a], timers_[b]);
  timers_[a]->heap_index = a;
  timers_[b]->heap_index = b;
}

void event_loop::heap_sift_up(std::size_t index) noexcept {
  while (index > 0) {
    const std::size_t parent = (index - 1) / 2;
    if (!earlier(timers_[index], timers_[parent]))
      return;
    heap_swap(index, parent);
    index = parent;
  }
}

void event_loop::heap_sift_down(std::size_t index) noexcept {
  for (;;) {
    std::size_t smallest = index;
    for (std::size_t child : {2 * index + 1, 2 * index + 2})
      if (child < timers_.size() && earlier(timers_[child], timers_[smallest]))
        smallest = child;
    if (smallest == index)
      return;
    heap_swap(index, smallest);
    index = smallest;
  }
}

void event_loop::watch(detail::fd_wait& wait) {
  fd_interest& interest = fds_[wait.fd];
  detail::fd_wait*& slot =
      wait.dir == detail::fd_wait::direction::readable ? interest.reader : interest.writer;
  if (slot != nullptr)
    throw std::logic_error(
        std::string("coroscope: two tasks wait at once for fd ") + std::to_string(wait.fd) +
        (wait.dir == detail::fd_wait::direction::readable ? " to become readable"
                                                          : " to become writable"));
  const std::uint32_t events = wanted_events(
      wait.dir == detail::fd_wait::direction::readable ? &wait : interest.reader,
      wait.dir == detail::fd_wait::direction::writable ? &wait : interest.writer);
  epoll_event event{};
  event.events = events;
  event.data.fd = wait.fd;
  const int op = interest.events == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
  if (::epoll_ctl(epoll_fd_, op, wait.fd, &event) < 0) {
    const int error = errno;
    if (interest.events == 0)
      fds_.erase(wait.fd);
    throw std::system_error(error, std::generic_category(),
                            "coroscope: cannot wait for fd " + std::to_string(wait.fd));
  }
  interest.events = events;
  slot = &wait;
  wait.watched = true;
}

void event_loop::unwatch(detail::fd_wait& wait) noexcept {
  if (!wait.watched)
    return;
  wait.watched = false;
  auto found = fds_.find(wait.fd);
  fd_interest& interest = found->second;
  (wait.dir == detail::fd_wait::direction::readable ? interest.reader : interest.writer) = nullptr;
  update_interest(wait.fd, interest);
}

// Brings epoll's registration of \p fd in line with who still waits on it;
// forgets the fd when nobody does, so that closing it later is harmless.
void event_loop::update_interest(int fd, fd_interest& interest) noexcept {
  const std::uint32_t events = wanted_events(interest.reader, interest.writer);
  if (events == interest.events)
    return;
  if (events == 0) {
    // Fails only if the fd was already closed, which dropped it from epoll.
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
    fds_.erase(fd);
    return;
  }
  epoll_event event{};
  event.events = events;
  event.data.fd = fd;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, fd, &event);
  interest.events = events;
}

} // namespace coroscope
