// coroscope/sync.hpp - async_mutex, async_semaphore, event.
//
// Python: asyncio.Lock, asyncio.Semaphore, asyncio.Event. They synchronize
// tasks of one loop (not threads) and are FIFO-fair: waiters are served in
// the order they arrived, and a released lock or permit is handed to the
// oldest waiter directly, so a newcomer cannot overtake it. Waiting is a
// cancellation point; a lock, permit or event that is available at once is
// taken without waiting and without one, as in asyncio. A waiter cancelled
// while queued is unlinked and leaves no trace: no permit is lost and the
// queue keeps moving.
#ifndef COROSCOPE_SYNC_HPP
#define COROSCOPE_SYNC_HPP

#include <coroscope/detail/wait.hpp>

#include <coroutine>
#include <cstddef>
#include <optional>
#include <utility>

namespace coroscope {

/// Releases what it holds when it goes out of scope, on success, error and
/// cancellation alike: `async with lock:`. Move-only.
template <class Resource>
class [[nodiscard]] scoped_release {
public:
  scoped_release(scoped_release&& other) noexcept
      : resource_(std::exchange(other.resource_, nullptr)) {}
  scoped_release& operator=(scoped_release&& other) noexcept {
    scoped_release(std::move(other)).swap(*this);
    return *this;
  }
  ~scoped_release() { release(); }

  /// Releases now instead of at the end of the scope: lock.release().
  void release() noexcept {
    if (resource_ != nullptr)
      std::exchange(resource_, nullptr)->release();
  }
  void swap(scoped_release& other) noexcept { std::swap(resource_, other.resource_); }

private:
  friend Resource;
  explicit scoped_release(Resource& resource) noexcept : resource_(&resource) {}
  Resource* resource_;
};

/// A lock for tasks: asyncio.Lock. `auto guard = co_await mutex.lock();`
/// holds it until `guard` goes out of scope. Not reentrant.
class async_mutex {
public:
  using guard = scoped_release<async_mutex>;

  class [[nodiscard]] lock_awaitable {
  public:
    bool await_ready() noexcept { return !std::exchange(mutex_.locked_, true); }
    template <class Promise>
    bool await_suspend(std::coroutine_handle<Promise> self) {
      return wait_.emplace().suspend_in(mutex_.waiters_, self);
    }
    guard await_resume() const {
      if (wait_)
        wait_->throw_if_cancelled();
      return guard(mutex_);
    }

  private:
    friend async_mutex;
    explicit lock_awaitable(async_mutex& mutex) noexcept : mutex_(mutex) {}
    async_mutex& mutex_;
    std::optional<detail::queued_wait> wait_;
  };

  async_mutex() = default;
  async_mutex(const async_mutex&) = delete;
  async_mutex& operator=(const async_mutex&) = delete;

  /// Waits until the lock is free, in FIFO order. A cancellation point.
  lock_awaitable lock() noexcept { return lock_awaitable(*this); }
  /// The lock if it is free now, without waiting.
  std::optional<guard> try_lock() noexcept {
    if (locked_)
      return std::nullopt;
    locked_ = true;
    return guard(*this);
  }
  bool locked() const noexcept { return locked_; }

private:
  friend guard;
  void release() noexcept {
    if (waiters_.empty())
      locked_ = false;
    else
      waiters_.pop_front()->wake(); // ownership passes on; the lock stays taken
  }

  bool locked_ = false;
  detail::wait_queue waiters_;
};

/// A counter of permits for tasks: asyncio.Semaphore. `auto permit = co_await
/// semaphore.acquire();` holds one permit until `permit` goes out of scope.
class async_semaphore {
public:
  using permit = scoped_release<async_semaphore>;

  class [[nodiscard]] acquire_awaitable {
  public:
    bool await_ready() noexcept {
      if (semaphore_.available_ == 0)
        return false;
      --semaphore_.available_;
      return true;
    }
    template <class Promise>
    bool await_suspend(std::coroutine_handle<Promise> self) {
      return wait_.emplace().suspend_in(semaphore_.waiters_, self);
    }
    permit await_resume() const {
      if (wait_)
        wait_->throw_if_cancelled();
      return permit(semaphore_);
    }

  private:
    friend async_semaphore;
    explicit acquire_awaitable(async_semaphore& semaphore) noexcept : semaphore_(semaphore) {}
    async_semaphore& semaphore_;
    std::optional<detail::queued_wait> wait_;
  };

  explicit async_semaphore(std::size_t permits) noexcept : available_(permits) {}
  async_semaphore(const async_semaphore&) = delete;
  async_semaphore& operator=(const async_semaphore&) = delete;

  /// Waits for a permit, in FIFO order. A cancellation point.
  acquire_awaitable acquire() noexcept { return acquire_awaitable(*this); }
  /// A permit if one is free now, without waiting.
  std::optional<permit> try_acquire() noexcept {
    if (available_ == 0)
      return std::nullopt;
    --available_;
    return permit(*this);
  }
  /// Permits free right now.
  std::size_t available() const noexcept { return available_; }

private:
  friend permit;
  void release() noexcept {
    if (waiters_.empty())
      ++available_;
    else
      waiters_.pop_front()->wake(); // the permit passes on
  }

  std::size_t available_;
  detail::wait_queue waiters_;
};

/// A flag tasks can wait for: asyncio.Event. set() wakes every waiter, in
/// the order they started waiting; a waiter woken by set() returns even if
/// the event is cleared again before it runs.
class event {
public:
  class [[nodiscard]] wait_awaitable {
  public:
    bool await_ready() const noexcept { return event_.set_; }
    template <class Promise>
    bool await_suspend(std::coroutine_handle<Promise> self) {
      return wait_.emplace().suspend_in(event_.waiters_, self);
    }
    void await_resume() const {
      if (wait_)
        wait_->throw_if_cancelled();
    }

  private:
    friend event;
    explicit wait_awaitable(event& e) noexcept : event_(e) {}
    event& event_;
    std::optional<detail::queued_wait> wait_;
  };

  event() = default;
  event(const event&) = delete;
  event& operator=(const event&) = delete;

  /// Waits until the event is set (at once if it is). A cancellation point.
  wait_awaitable wait() noexcept { return wait_awaitable(*this); }
  void set() noexcept {
    set_ = true;
    while (detail::queued_wait* waiter = waiters_.pop_front())
      waiter->wake();
  }
  void clear() noexcept { set_ = false; }
  bool is_set() const noexcept { return set_; }

private:
  bool set_ = false;
  detail::wait_queue waiters_;
};

} // namespace coroscope

#endif
