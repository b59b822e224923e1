// coroscope test stub: seastar/core/rwlock.hh.
// Pairs: read_lock/read_unlock, write_lock/write_unlock (also
// for_read().lock()/unlock(), for_write().lock()/unlock()).
// RAII: auto h = co_await l.hold_read_lock();  / hold_write_lock()  -> rwlock::holder
// (= semaphore_units), or with_lock(l.for_read(), func).
#pragma once
#include <optional>
#include <seastar/core/abort_source.hh>
#include <seastar/core/future.hh>
#include <seastar/core/semaphore.hh>
#include <seastar/core/timer.hh>
namespace seastar {
template <typename Clock = steady_clock_type>
class rwlock_for_read {
 public:
  future<> lock();
  void unlock();
};
template <typename Clock = steady_clock_type>
class rwlock_for_write {
 public:
  future<> lock();
  void unlock();
};
template <typename Clock = steady_clock_type>
class basic_rwlock : private rwlock_for_read<Clock>, rwlock_for_write<Clock> {
  using semaphore_type = basic_semaphore<semaphore_default_exception_factory, Clock>;
 public:
  using holder = semaphore_units<semaphore_default_exception_factory, Clock>;
  rwlock_for_read<Clock>& for_read();
  rwlock_for_write<Clock>& for_write();
  future<> read_lock(typename semaphore_type::time_point timeout = semaphore_type::time_point::max());
  future<> read_lock(abort_source& as);
  void read_unlock();
  future<> write_lock(typename semaphore_type::time_point timeout = semaphore_type::time_point::max());
  future<> write_lock(abort_source& as);
  void write_unlock();
  bool try_read_lock();
  bool try_write_lock();
  future<holder> hold_read_lock(typename semaphore_type::time_point timeout = semaphore_type::time_point::max());
  future<holder> hold_read_lock(abort_source& as);
  std::optional<holder> try_hold_read_lock() noexcept;
  future<holder> hold_write_lock(typename semaphore_type::time_point timeout = semaphore_type::time_point::max());
  future<holder> hold_write_lock(abort_source& as);
  std::optional<holder> try_hold_write_lock() noexcept;
  bool locked() const;
};
using rwlock = basic_rwlock<>;
} // namespace seastar
