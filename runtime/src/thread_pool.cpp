#include "thread_pool.hpp"

#include <utility>

namespace coroscope::detail {

thread_pool::thread_pool(std::size_t max_threads) : max_threads_(max_threads) {}

thread_pool::~thread_pool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& thread : threads_)
    thread.join();
}

void thread_pool::submit(std::function<void()> job) {
  std::unique_lock lock(mutex_);
  // A worker that was notified but has not woken yet still counts as idle
  // and will take a job; only jobs beyond the idle workers need a new thread.
  // Started before queueing, so that a failure to start leaves nothing queued.
  if (jobs_.size() >= idle_ && threads_.size() < max_threads_)
    threads_.emplace_back([this] { work(); });
  jobs_.push_back(std::move(job));
  lock.unlock();
  wake_.notify_one();
}

void thread_pool::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!jobs_.empty()) {
      std::function<void()> job = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      job();
      lock.lock();
    } else if (stopping_) {
      return;
    } else {
      ++idle_;
      wake_.wait(lock);
      --idle_;
    }
  }
}

} // namespace coroscope::detail
