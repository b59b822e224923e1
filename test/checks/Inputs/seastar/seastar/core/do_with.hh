// coroscope test stub: seastar/core/do_with.hh (with_lock only): locks with
// lock.lock(), runs func, unlocks with lock.unlock() when its future resolves.
#pragma once
#include <cstdlib>
#include <type_traits>
#include <seastar/core/future.hh>
namespace seastar {
template <typename Lock, typename Func>
auto with_lock(Lock& lock, Func&& func) -> futurize_t<std::invoke_result_t<Func>> { std::abort(); }
} // namespace seastar
