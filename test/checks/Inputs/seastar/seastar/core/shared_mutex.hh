// coroscope test stub: seastar/core/shared_mutex.hh.
// Pairs: lock/unlock, lock_shared/unlock_shared. No holder type: the RAII
// forms are with_lock(sm, func) / with_shared(sm, func).
#pragma once
#include <cstdlib>
#include <type_traits>
#include <seastar/core/future.hh>
namespace seastar {
class shared_mutex {
 public:
  shared_mutex() = default;
  shared_mutex(shared_mutex&&) = default;
  future<> lock_shared() noexcept;
  bool try_lock_shared() noexcept;
  void unlock_shared() noexcept;
  future<> lock() noexcept;
  bool try_lock() noexcept;
  void unlock() noexcept;
};
template <typename Func>
futurize_t<std::invoke_result_t<Func>> with_shared(shared_mutex& sm, Func&& func) noexcept { std::abort(); }
template <typename Func>
futurize_t<std::invoke_result_t<Func>> with_lock(shared_mutex& sm, Func&& func) noexcept { std::abort(); }
} // namespace seastar
