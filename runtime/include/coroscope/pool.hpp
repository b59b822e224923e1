// coroscope/pool.hpp - pool<T>: a bounded pool of reusable items.
//
// Python: the lesson's AsyncConnectionPool, and asyncpg's Pool. A pool opens
// items (connections, clients) with a factory, lends them out one task at a
// time through leases, takes them back when the lease's scope ends, and
// closes them with a closer. It is driver-independent: pg::pool and a pool of
// redis::client are both pool<T>.
#ifndef COROSCOPE_POOL_HPP
#define COROSCOPE_POOL_HPP

#include <coroscope/cancel.hpp>
#include <coroscope/detail/background.hpp>
#include <coroscope/detail/intrusive_list.hpp>
#include <coroscope/detail/loop.hpp>
#include <coroscope/detail/wait.hpp>
#include <coroscope/errors.hpp>
#include <coroscope/sync.hpp>
#include <coroscope/task.hpp>
#include <coroscope/time.hpp>

#include <algorithm>
#include <chrono>
#include <coroutine>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace coroscope {

/// Thrown by acquire() once close() has begun, and into the tasks that were
/// queued in acquire() when it began.
class pool_closed : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Thrown by acquire() when no item became free within its timeout. A
/// timeout_error, so code that handles timeouts handles this one.
class pool_timeout : public timeout_error {
public:
  using timeout_error::timeout_error;
};

/// Thrown by close() when leases were still outstanding at its deadline.
class pool_close_timeout : public timeout_error {
public:
  using timeout_error::timeout_error;
};

/// A snapshot of a pool. `open` counts every item that exists, including
/// those being opened, checked or closed, so open - idle - in_use items are
/// in transit; open never exceeds max_size.
struct pool_stats {
  std::size_t open = 0;
  std::size_t idle = 0;
  std::size_t in_use = 0;
  std::size_t waiting = 0;
  friend bool operator==(const pool_stats&, const pool_stats&) = default;
};

template <class T>
struct pool_options {
  /// Opened by open(), before the pool serves, and kept: the pool's upkeep
  /// opens items again when closes leave fewer.
  std::size_t min_size = 0;
  /// Items open at once, never exceeded; at least 1.
  std::size_t max_size = 10;
  /// How long acquire() waits by default (HikariCP's connectionTimeout);
  /// unset: as long as it takes.
  std::optional<std::chrono::milliseconds> acquire_timeout = std::chrono::seconds(30);
  /// How long close() waits for outstanding leases.
  std::chrono::milliseconds close_timeout = std::chrono::seconds(30);
  /// Asked before an idle item is lent out; false or an exception (a
  /// std::exception) means broken: the item is closed and another one used.
  std::function<task<bool>(T&)> health_check;
  /// Asked when a lease returns its item, before anyone else gets it, to
  /// put it back in a clean state (a database connection: roll back what
  /// its user left open). False or an exception closes the item instead.
  std::function<task<bool>(T&)> reset;
  /// An item older than this is closed instead of being lent or kept
  /// (HikariCP's maxLifetime); unset: items live as long as they work.
  std::optional<std::chrono::milliseconds> max_lifetime = std::chrono::minutes(30);
  /// An item idle this long is closed, as long as min_size items remain
  /// (HikariCP's idleTimeout); unset: idle items are kept.
  std::optional<std::chrono::milliseconds> idle_timeout = std::chrono::minutes(10);
  /// Names the pool in its errors, e.g. "postgres at 10.0.0.5:5432".
  std::string name = "coroscope::pool";
};

template <class T>
class pool;

namespace detail {

template <class T>
class pool_state;

using pool_clock = std::chrono::steady_clock;

/// An item with the times the pool keeps on it.
template <class T>
struct pooled {
  explicit pooled(T&& opened) : value(std::move(opened)) {}
  T value;
  pool_clock::time_point opened = pool_clock::now();
  pool_clock::time_point idle_since = opened; // when it was last returned
};

/// A task queued in acquire(). It is woken with a grant: an item, or (null)
/// one unit of capacity to open a new item with; or refused by close().
template <class T>
class pool_waiter : public cancellable_wait<pool_waiter<T>>, public list_node<pool_waiter<T>> {
public:
  explicit pool_waiter(std::size_t& waiting) noexcept : waiting_(waiting) {}

  template <class Promise>
  bool suspend_in(intrusive_list<pool_waiter>& queue, std::coroutine_handle<Promise> self) {
    if (this->stopped_before_suspending(self))
      return false;
    queue.push_back(*this);
    ++waiting_;
    this->suspend(self);
    return true;
  }
  /// On a waiter just taken from the queue.
  void grant(std::unique_ptr<pooled<T>> item) noexcept {
    --waiting_;
    item_ = std::move(item);
    this->wake();
  }
  void refuse() noexcept {
    --waiting_;
    refused_ = true;
    this->wake();
  }

  bool refused() const noexcept { return refused_; }
  std::unique_ptr<pooled<T>> take_item() noexcept { return std::move(item_); }
  using cancellable_wait<pool_waiter>::throw_if_cancelled;

private:
  friend cancellable_wait<pool_waiter>;
  // Cancelled while queued: it leaves the queue and the count, nothing else.
  void withdraw() noexcept {
    --waiting_;
    list_node<pool_waiter>::unlink();
  }

  std::size_t& waiting_;
  std::unique_ptr<pooled<T>> item_;
  bool refused_ = false;
};

/// A lent-out item: returned to its pool when the lease ends (its scope
/// ends, it is released, or it is assigned over), on success, error and
/// cancellation alike.
///
/// What the destructor does is synchronous and O(1): a returned item goes to
/// the oldest waiting task or to the idle list. An item that must first be
/// reset (pool_options::reset) or closed (discarded, past its lifetime, or
/// returned after close() finished) needs to wait, which a destructor
/// cannot: that work runs on the loop, where the pool tracks it (close()
/// waits for it) and reports a failure to the cleanup-error handler.
/// async_release() is the awaited alternative: it resets or closes the item
/// before it returns.
template <class T>
class [[nodiscard]] pool_lease {
public:
  pool_lease(pool_lease&& other) noexcept
      : pool_(std::move(other.pool_)), item_(std::move(other.item_)),
        discarded_(std::exchange(other.discarded_, false)) {}
  pool_lease& operator=(pool_lease&& other) noexcept {
    pool_lease(std::move(other)).swap(*this);
    return *this;
  }
  ~pool_lease() { release(); }

  T& get() const noexcept { return item_->value; }
  T& operator*() const noexcept { return item_->value; }
  T* operator->() const noexcept { return &item_->value; }
  /// False once released or moved from.
  explicit operator bool() const noexcept { return item_ != nullptr; }

  /// The item is broken: close it when the lease ends instead of returning it.
  void discard() noexcept { discarded_ = true; }
  bool discarded() const noexcept { return discarded_; }

  /// Ends the lease now (see the class comment for what that does).
  void release() noexcept {
    if (item_)
      std::exchange(pool_, nullptr)->end_lease(std::move(item_), discarded_);
  }

  /// Ends the lease now and awaits what returning the item takes: its reset,
  /// or its close (shielded). Never throws: a failing reset or closer goes
  /// to the cleanup-error handler.
  task<void> async_release() {
    if (!item_)
      co_return;
    std::shared_ptr<pool_state<T>> pool = std::exchange(pool_, nullptr);
    co_await shield(pool_state<T>::take_back(pool, std::move(item_), discarded_));
  }

  void swap(pool_lease& other) noexcept {
    std::swap(pool_, other.pool_);
    std::swap(item_, other.item_);
    std::swap(discarded_, other.discarded_);
  }

private:
  friend pool_state<T>;
  pool_lease(std::shared_ptr<pool_state<T>> pool, std::unique_ptr<pooled<T>> item) noexcept
      : pool_(std::move(pool)), item_(std::move(item)) {}

  std::shared_ptr<pool_state<T>> pool_;
  std::unique_ptr<pooled<T>> item_;
  bool discarded_ = false;
};

/// Everything a pool is. Shared by the pool, its leases and its background
/// work, so that a lease outliving a close() that gave up waiting for it
/// still finds somewhere to return to.
template <class T>
class pool_state : public std::enable_shared_from_this<pool_state<T>> {
  using item_ptr = std::unique_ptr<pooled<T>>;

public:
  using factory_type = std::function<task<T>()>;
  using closer_type = std::function<task<void>(T&)>;

  pool_state(factory_type factory, closer_type closer, pool_options<T> options)
      : factory_(std::move(factory)), closer_(std::move(closer)), options_(std::move(options)) {
    if (!factory_)
      throw std::invalid_argument(options_.name + ": a pool needs a factory");
    if (options_.max_size == 0 || options_.min_size > options_.max_size)
      throw std::invalid_argument(options_.name + ": need 0 <= min_size <= max_size and max_size >= 1");
  }

  pool_stats stats() const noexcept { return {open_, idle_.size(), in_use_, waiting_}; }
  const pool_options<T>& options() const noexcept { return options_; }

  task<void> open() {
    std::exception_ptr error;
    try {
      start_upkeep();
      while (open_ < options_.min_size) {
        throw_if_closing(); // also when close() began while an item opened
        ++open_;
        reservation unit(this->shared_from_this(), nullptr);
        unit.item = co_await open_item();
        std::move(unit).give_back();
      }
    } catch (...) {
      error = std::current_exception();
    }
    if (error) {
      // As a failed __aenter__: nobody will close this pool, so it closes
      // what it opened itself, keeping the error that stopped it.
      try {
        co_await close();
      } catch (const std::exception&) {
        report_cleanup_error(std::current_exception());
      }
      std::rethrow_exception(error);
    }
  }

  static task<pool_lease<T>> acquire(std::shared_ptr<pool_state> self,
                                     std::optional<std::chrono::milliseconds> limit) {
    if (!limit)
      co_return co_await lend(self);
    const auto deadline = pool_clock::now() + *limit;
    try {
      co_return co_await timeout_at(deadline, lend(self));
    } catch (const timeout_error&) {
      if (!passed(deadline))
        throw; // the factory's or the health check's own timeout
      throw pool_timeout(self->describe("no item became free within " +
                                        std::to_string(limit->count()) + " ms"));
    }
  }

  task<void> close() {
    if (phase_ != phase::open) {
      co_await closed_.wait(); // a second close() returns once the first is done
      co_return;
    }
    phase_ = phase::draining;
    if (upkeep_)
      upkeep_->request_stop();
    while (pool_waiter<T>* waiter = waiters_.pop_front())
      waiter->refuse();
    co_await shield(drain_and_close());
  }

  // Called by leases.

  /// The synchronous end of a lease: the item goes back at once when it can;
  /// a reset or a close runs on the loop.
  void end_lease(item_ptr item, bool discarded) noexcept {
    --in_use_;
    if (must_close(*item, discarded))
      close_in_background(std::move(item));
    else if (options_.reset)
      in_background(reset_and_give_back(this->shared_from_this(), std::move(item)));
    else
      give_back(std::move(item));
  }

  /// The awaited end of a lease: its reset or close is done when it returns.
  static task<void> take_back(std::shared_ptr<pool_state> self, item_ptr item, bool discarded) {
    --self->in_use_;
    if (self->must_close(*item, discarded))
      co_await self->close_item(std::move(item));
    else if (self->options_.reset)
      co_await reset_and_give_back(self, std::move(item));
    else
      self->give_back(std::move(item));
  }

private:
  enum class phase : unsigned char { open, draining, closed };

  /// One unit of capacity on its way to becoming a lease: with an item
  /// (checked out of the idle list or handed over by a lease) or without one
  /// (the right to open a new item). Destroyed on an error or a
  /// cancellation, it gives the unit back: the item to the pool, or to be
  /// closed if it is `suspect` (its health check was interrupted).
  class reservation {
  public:
    reservation(std::shared_ptr<pool_state> pool, item_ptr held) noexcept
        : item(std::move(held)), pool_(std::move(pool)) {}
    reservation(reservation&& other) noexcept
        : item(std::move(other.item)), suspect(other.suspect), pool_(std::move(other.pool_)) {}
    reservation& operator=(reservation&&) = delete;
    ~reservation() {
      if (!pool_)
        return;
      if (!item)
        pool_->release_capacity();
      else if (suspect)
        pool_->close_in_background(std::move(item));
      else
        pool_->give_back(std::move(item));
    }

    pool_lease<T> into_lease() && noexcept {
      ++pool_->in_use_;
      return pool_lease<T>(std::move(pool_), std::move(item));
    }
    void give_back() && noexcept { std::exchange(pool_, nullptr)->give_back(std::move(item)); }

    item_ptr item;
    bool suspect = false;

  private:
    std::shared_ptr<pool_state> pool_;
  };

  class [[nodiscard]] grant_awaitable {
  public:
    explicit grant_awaitable(pool_state& pool) noexcept : pool_(pool), waiter_(pool.waiting_) {}
    bool await_ready() const noexcept { return false; }
    template <class Promise>
    bool await_suspend(std::coroutine_handle<Promise> self) {
      return waiter_.suspend_in(pool_.waiters_, self);
    }
    item_ptr await_resume() {
      waiter_.throw_if_cancelled();
      if (waiter_.refused())
        throw pool_closed(pool_.describe("closed while this task waited in acquire()"));
      return waiter_.take_item();
    }

  private:
    pool_state& pool_;
    pool_waiter<T> waiter_;
  };

  /// A unit of capacity: an idle item at once, new capacity at once, or the
  /// next grant in FIFO order. Newcomers queue behind earlier waiters.
  static task<reservation> reserve(std::shared_ptr<pool_state> self) {
    self->throw_if_closing();
    self->start_upkeep();
    if (self->waiters_.empty()) {
      if (!self->idle_.empty())
        co_return reservation(self, self->take_idle());
      if (self->open_ < self->options_.max_size) {
        ++self->open_;
        co_return reservation(self, nullptr);
      }
    }
    item_ptr granted = co_await grant_awaitable(*self);
    co_return reservation(self, std::move(granted));
  }

  static task<pool_lease<T>> lend(std::shared_ptr<pool_state> self) {
    reservation unit = co_await reserve(self);
    for (;;) {
      if (!unit.item) {
        self->throw_if_closing(); // capacity granted just before close() began
        unit.item = co_await self->open_item();
        co_return std::move(unit).into_lease();
      }
      bool usable = !self->too_old(*unit.item);
      if (usable && self->options_.health_check) {
        unit.suspect = true; // until the check has answered
        usable = false;
        try {
          usable = co_await self->options_.health_check(unit.item->value);
        } catch (const std::exception&) {
          // A check that fails is an answer: the item is broken.
        }
        unit.suspect = false;
      }
      if (usable)
        co_return std::move(unit).into_lease();
      // Its unit of capacity stays with this task: the item is closed (the
      // unit counted as open meanwhile) and then replaced by an idle item,
      // or by a new one opened in its place.
      const item_ptr retired = std::move(unit.item);
      co_await shield(self->run_closer(retired->value));
      if (!self->idle_.empty()) {
        unit.item = self->take_idle();
        --self->open_; // the idle item brings its own unit
      }
    }
  }

  task<item_ptr> open_item() { co_return std::make_unique<pooled<T>>(co_await factory_()); }

  /// The closer; a failure (a std::exception) goes to the cleanup-error
  /// handler, since the item is gone either way.
  task<void> run_closer(T& item) {
    try {
      if (closer_)
        co_await closer_(item);
    } catch (const std::exception&) {
      report_cleanup_error(std::current_exception());
    }
  }

  /// Closes \p item, then frees its unit of capacity, also when the close is
  /// cancelled (as run() ends).
  task<void> close_item(item_ptr item) {
    struct frees_capacity {
      pool_state& pool;
      ~frees_capacity() { pool.release_capacity(); }
    } unit{*this};
    const item_ptr closing = std::move(item); // destroyed before the unit is freed
    co_await run_closer(closing->value);
  }

  /// Resets a returned item and gives it back; one that cannot be reset (or
  /// whose reset was interrupted) is closed.
  static task<void> reset_and_give_back(std::shared_ptr<pool_state> self, item_ptr item) {
    bool clean = false;
    std::exception_ptr interrupted;
    try {
      clean = co_await self->options_.reset(item->value);
    } catch (const std::exception&) {
      report_cleanup_error(std::current_exception());
    } catch (...) {
      interrupted = std::current_exception(); // cancelled as run() ends
    }
    if (clean && self->phase_ != phase::closed) {
      self->give_back(std::move(item));
    } else {
      try {
        co_await shield(self->close_item(std::move(item)));
      } catch (const std::exception&) {
        report_cleanup_error(std::current_exception()); // only memory can fail here
      }
    }
    if (interrupted)
      std::rethrow_exception(interrupted);
  }

  task<void> drain_and_close() {
    bool timed_out = false;
    if (open_ != idle_.size()) {
      try {
        co_await timeout(options_.close_timeout, drained_.wait());
      } catch (const timeout_error&) {
        timed_out = true;
      }
    }
    const std::size_t outstanding = in_use_;
    phase_ = phase::closed;
    // LIFO: the most recently returned item first, as the lesson's pool pops.
    while (!idle_.empty()) {
      item_ptr item = std::move(idle_.back());
      idle_.pop_back();
      co_await close_item(std::move(item));
    }
    closed_.set();
    if (timed_out)
      throw pool_close_timeout(describe(
          std::to_string(outstanding) + " lease(s) still outstanding after " +
          std::to_string(options_.close_timeout.count()) +
          " ms; their items are closed when they are returned"));
  }

  // --- upkeep: idle_timeout, max_lifetime, min_size ------------------------

  /// How often the upkeep looks at the idle items: often enough to honour
  /// the shorter of idle_timeout and max_lifetime within half of it, at
  /// most every 30 s (HikariCP's housekeeper period).
  std::chrono::milliseconds upkeep_period() const noexcept {
    std::chrono::milliseconds period = std::chrono::seconds(30);
    for (const auto& limit : {options_.idle_timeout, options_.max_lifetime})
      if (limit)
        period = std::min(period, std::max(*limit / 2, std::chrono::milliseconds(1)));
    return period;
  }

  /// Starts the upkeep on first use, when there is something to keep.
  void start_upkeep() {
    if (upkeep_ || running_loop == nullptr ||
        (options_.min_size == 0 && !options_.idle_timeout && !options_.max_lifetime))
      return;
    upkeep_.emplace(running_loop->background_token());
    spawn_background(upkeep(this->shared_from_this()), upkeep_->get_token());
  }

  /// Until close() (or the end of run()) stops it: closes idle items past
  /// their lifetime or idle too long, then opens items up to min_size.
  static task<void> upkeep(std::shared_ptr<pool_state> self) {
    for (;;) {
      co_await sleep_for(self->upkeep_period());
      self->retire_idle();
      co_await self->top_up();
    }
  }

  void retire_idle() {
    const pool_clock::time_point now = pool_clock::now();
    std::size_t remaining = open_; // once the items retired so far are closed
    for (auto it = idle_.begin(); it != idle_.end();) {
      const bool idle_too_long = options_.idle_timeout &&
                                 now - (*it)->idle_since >= *options_.idle_timeout &&
                                 remaining > options_.min_size;
      if (too_old(**it) || idle_too_long) {
        item_ptr retired = std::move(*it);
        it = idle_.erase(it);
        close_in_background(std::move(retired));
        --remaining;
      } else {
        ++it;
      }
    }
  }

  /// Opens items one by one while fewer than min_size are open and nobody
  /// waits (a waiter would open its own). A failure is reported and retried
  /// at the next round.
  task<void> top_up() {
    while (phase_ == phase::open && waiters_.empty() && open_ < options_.min_size) {
      ++open_;
      reservation unit(this->shared_from_this(), nullptr);
      try {
        unit.item = co_await open_item();
      } catch (const std::exception&) {
        report_cleanup_error(std::current_exception());
        co_return;
      }
      std::move(unit).give_back();
    }
  }

  bool too_old(const pooled<T>& item) const noexcept {
    return options_.max_lifetime && pool_clock::now() - item.opened >= *options_.max_lifetime;
  }

  bool must_close(const pooled<T>& item, bool discarded) const noexcept {
    return discarded || phase_ == phase::closed || too_old(item);
  }

  /// Runs \p work, which holds one unit of capacity, on the loop, detached
  /// (detail/background.hpp). With no loop left to run it on, the work is
  /// dropped, which destroys the item it holds, and the unit is freed.
  void in_background(task<void> work) noexcept {
    if (running_loop == nullptr) {
      task_access::drop(work);
      release_capacity();
      return;
    }
    spawn_background(std::move(work));
  }

  void close_in_background(item_ptr item) noexcept {
    in_background(close_owned(this->shared_from_this(), std::move(item)));
  }

  static task<void> close_owned(std::shared_ptr<pool_state> self, item_ptr item) {
    co_await self->close_item(std::move(item));
  }

  static bool passed(pool_clock::time_point deadline) noexcept {
    return pool_clock::now() >= deadline;
  }

  void throw_if_closing() const {
    if (phase_ != phase::open)
      throw pool_closed(describe("closed; no more items are lent out"));
  }

  std::string describe(const std::string& what) const {
    return options_.name + ": " + what + " (max_size " + std::to_string(options_.max_size) +
           ", open " + std::to_string(open_) + ", in use " + std::to_string(in_use_) +
           ", waiting " + std::to_string(waiting_) + ")";
  }

  item_ptr take_idle() noexcept {
    item_ptr item = std::move(idle_.front());
    idle_.pop_front();
    return item;
  }

  /// A usable item comes back: to the oldest waiter, else to the idle list
  /// (closed instead once the pool is).
  void give_back(item_ptr item) noexcept {
    if (phase_ == phase::closed) {
      close_in_background(std::move(item));
      return;
    }
    item->idle_since = pool_clock::now();
    if (pool_waiter<T>* waiter = waiters_.pop_front())
      waiter->grant(std::move(item));
    else
      idle_.push_back(std::move(item)); // cannot throw in practice: deque of pointers
    notify_if_drained();
  }

  /// A unit of capacity is free: the oldest waiter may open an item with it.
  void release_capacity() noexcept {
    if (pool_waiter<T>* waiter = waiters_.pop_front()) {
      waiter->grant(nullptr);
      return;
    }
    --open_;
    notify_if_drained();
  }

  void notify_if_drained() noexcept {
    if (phase_ == phase::draining && open_ == idle_.size())
      drained_.set();
  }

  factory_type factory_;
  closer_type closer_;
  pool_options<T> options_;
  phase phase_ = phase::open;
  std::size_t open_ = 0;   // units of capacity in use: items existing or being opened
  std::size_t in_use_ = 0; // leases alive
  std::size_t waiting_ = 0;
  std::deque<item_ptr> idle_; // front: next to lend; back: most recently returned
  intrusive_list<pool_waiter<T>> waiters_;
  event drained_; // draining and every open item is idle
  event closed_;
  std::optional<stop_source> upkeep_; // stops the upkeep: close(), or the end of run()
};

/// Awaits a task it owns, under the awaiting task's token.
template <class T>
class owned_task_awaiter : public scoped_task_awaiter<T> {
public:
  using scoped_task_awaiter<T>::scoped_task_awaiter;
  template <class Promise>
  auto await_suspend(std::coroutine_handle<Promise> parent) noexcept {
    return this->start_under(parent, awaiting_promise(parent).token);
  }
};

} // namespace detail

/// A pool of at most max_size items of type T, opened by \p factory and
/// closed by \p closer: asyncpg.Pool, the lesson's AsyncConnectionPool.
///
/// - open() opens min_size items up front (async_with does it on entry).
/// - acquire() lends an item for the life of a lease: an idle one (the one
///   idle longest, after the optional health check), or a new one while
///   fewer than max_size are open, or else the next one returned, in FIFO
///   order of the acquiring tasks. A task cancelled while it waits leaves the
///   queue and nothing else changes. With a timeout, pool_timeout.
/// - The lease returns the item when its scope ends, whichever way it ends;
///   lease.discard() closes the item instead (a broken connection). With a
///   reset, the item is put back in a clean state before anyone else gets it.
/// - Every wait is bounded by default (acquire_timeout, 30 s); items past
///   max_lifetime are closed; an upkeep task closes items idle longer than
///   idle_timeout and keeps min_size open (pool_options).
/// - close() refuses new acquires, fails the queued ones with pool_closed,
///   waits up to close_timeout for the leases to end, then closes the idle
///   items, most recently returned first. Closer failures go to the
///   cleanup-error handler; leases still outstanding at the deadline make
///   close() throw pool_close_timeout once everything idle is closed.
///
/// A pool is loop-affine (one event loop, like every coroscope object) and
/// must be closed before the loop ends for its closer to run: destroying an
/// unclosed pool destroys idle items without closing them. (Its background
/// work, closes, resets and upkeep, is cancelled and finished by run().)
template <class T>
class pool {
public:
  using lease = detail::pool_lease<T>;
  using options = pool_options<T>;
  using factory_type = std::function<task<T>()>;
  using closer_type = std::function<task<void>(T&)>;

  /// What acquire() returns: `co_await pool.acquire()` gives a lease, and it
  /// is an async resource whose scope holds one (`async with pool.acquire()
  /// as conn`). Single use.
  class [[nodiscard]] acquire_context {
  public:
    detail::owned_task_awaiter<lease> operator co_await() && {
      return detail::owned_task_awaiter<lease>(start());
    }

    /// Acquires; the scope's body receives the lease.
    task<lease&> async_enter() {
      held_.emplace(co_await start());
      co_return *held_;
    }
    /// Ends the lease, awaiting the close of a discarded item. Never
    /// suppresses the body's exception.
    task<bool> async_exit(std::exception_ptr) {
      if (held_)
        co_await held_->async_release();
      co_return false;
    }

  private:
    friend pool;
    acquire_context(std::shared_ptr<detail::pool_state<T>> pool,
                    std::optional<std::chrono::milliseconds> timeout) noexcept
        : pool_(std::move(pool)), timeout_(timeout) {}

    task<lease> start() {
      if (!pool_)
        throw std::logic_error("coroscope::pool::acquire_context used twice; it is single-use");
      return detail::pool_state<T>::acquire(std::exchange(pool_, nullptr), timeout_);
    }

    std::shared_ptr<detail::pool_state<T>> pool_;
    std::optional<std::chrono::milliseconds> timeout_;
    std::optional<lease> held_;
  };

  pool(factory_type factory, closer_type closer, options config = {})
      : state_(std::make_shared<detail::pool_state<T>>(std::move(factory), std::move(closer),
                                                       std::move(config))) {}
  pool(const pool&) = delete;
  pool& operator=(const pool&) = delete;

  /// Opens min_size items. On a failure, closes what it opened, leaves the
  /// pool closed and rethrows.
  task<void> open() { return state_->open(); }

  /// Lends an item, waiting at most options.acquire_timeout (if set).
  acquire_context acquire() { return {state_, state_->options().acquire_timeout}; }
  /// Lends an item, waiting at most \p timeout.
  acquire_context acquire(std::chrono::milliseconds timeout) { return {state_, timeout}; }

  /// Closes the pool (see the class comment). Shielded: cancelling the task
  /// that awaits it does not interrupt it. A second call waits for the first.
  task<void> close() { return state_->close(); }

  pool_stats stats() const noexcept { return state_->stats(); }
  const options& config() const noexcept { return state_->options(); }

  /// The pool as an async resource: `async with Pool(...) as pool`.
  task<pool&> async_enter() {
    co_await open();
    co_return *this;
  }
  task<bool> async_exit(std::exception_ptr) {
    co_await close();
    co_return false;
  }

private:
  std::shared_ptr<detail::pool_state<T>> state_;
};

} // namespace coroscope

#endif
