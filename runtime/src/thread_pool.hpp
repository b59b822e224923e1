// The worker threads behind run_blocking: Python's default executor, a
// ThreadPoolExecutor owned by the loop and shut down (joined) with it.
#ifndef COROSCOPE_SRC_THREAD_POOL_HPP
#define COROSCOPE_SRC_THREAD_POOL_HPP

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace coroscope::detail {

class thread_pool {
public:
  /// Up to \p max_threads workers, started on demand.
  explicit thread_pool(std::size_t max_threads);
  /// Runs every queued job, then joins the workers.
  ~thread_pool();
  thread_pool(const thread_pool&) = delete;
  thread_pool& operator=(const thread_pool&) = delete;

  /// Jobs must not throw.
  void submit(std::function<void()> job);

private:
  void work();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  std::size_t idle_ = 0;
  bool stopping_ = false;
  std::size_t max_threads_;
  std::vector<std::thread> threads_;
};

} // namespace coroscope::detail

#endif
