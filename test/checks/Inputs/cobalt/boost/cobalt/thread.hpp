// coroscope test stub of <boost/cobalt/thread.hpp> (our own code).
// `cobalt::thread f()` starts a std::thread with its own io_context at the call (EAGER,
// although its promise's initial awaiter suspends). join() BLOCKS; `co_await t` waits
// without blocking. Destructor: hard stop (io_context::stop) + join.
#pragma once
#include <boost/asio/cancellation_type.hpp>
#include <boost/cobalt/detail/stub_promise.hpp>
#include <thread>

namespace boost::cobalt {

struct thread {
  struct promise_type : detail::promise_base {
    thread get_return_object() { return thread{}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
  };
  struct awaitable {
    bool await_ready() { return false; }
    void await_suspend(std::coroutine_handle<>) {}
    void await_resume() {}
  };

  thread(thread&&) noexcept = default;
  ~thread() {}

  void cancel(boost::asio::cancellation_type type = boost::asio::cancellation_type::all) { (void)type; }
  awaitable operator co_await() & { return {}; }
  awaitable operator co_await() && { return {}; }
  void join() { thread_.join(); }   // BLOCKING
  bool joinable() const { return thread_.joinable(); }
  void detach() { thread_.detach(); }
  using executor_type = executor;
  executor_type get_executor() const { return {}; }

 private:
  thread() = default;
  std::thread thread_;
};

}  // namespace boost::cobalt
