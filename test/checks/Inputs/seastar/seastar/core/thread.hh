// coroscope test stub: seastar/core/thread.hh.
// A seastar::thread is a stackful fiber ON THE REACTOR THREAD: inside it
// future::get() may wait for a future, but blocking SYSTEM calls still block
// the reactor. seastar::async(func) runs func in a new seastar::thread.
#pragma once
#include <cstdlib>
#include <type_traits>
#include <seastar/core/future.hh>
namespace seastar {
struct thread_attributes {};
class thread {
 public:
  thread() = default;
  template <typename Func> explicit thread(Func func) {}
  template <typename Func> thread(thread_attributes attr, Func func) {}
  thread(thread&&) noexcept = default;
  future<> join();
  static void yield();
  static bool should_yield();
  static void maybe_yield();
  static bool running_in_thread();
};
template <typename Func, typename... Args>
futurize_t<std::invoke_result_t<Func, Args...>> async(thread_attributes attr, Func&& func, Args&&... args) noexcept {
  std::abort();
}
template <typename Func, typename... Args>
futurize_t<std::invoke_result_t<Func, Args...>> async(Func&& func, Args&&... args) noexcept {
  std::abort();
}
} // namespace seastar
