// coroscope test stub of <boost/cobalt/wait_group.hpp> (our own code).
// A dynamic set of promise<void> that MUST be awaited (wait() / co_await wg / wait_one(),
// or scoped with `co_await cobalt::with(wait_group(), fn)` which calls await_exit).
// Destroyed unawaited => each still-attached promise is sent a cancellation and nobody
// waits for it; its exception is lost.
#pragma once
#include <boost/asio/cancellation_type.hpp>
#include <boost/cobalt/promise.hpp>
#include <cstddef>
#include <exception>
#include <list>

namespace boost::cobalt {
namespace detail {
struct wait_group_awaitable {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};
}  // namespace detail

struct wait_group {
  explicit wait_group(
      boost::asio::cancellation_type normal_cancel = boost::asio::cancellation_type::none,
      boost::asio::cancellation_type exception_cancel = boost::asio::cancellation_type::all)
      : ct_normal_(normal_cancel), ct_except_(exception_cancel) {}

  void push_back(promise<void> p) { waitables_.push_back(std::move(p)); }
  std::size_t size() const { return waitables_.size(); }
  std::size_t reap() { return 0; }  // drop completed ones without waiting
  void cancel(boost::asio::cancellation_type ct = boost::asio::cancellation_type::all) { (void)ct; }

  detail::wait_group_awaitable wait_one() { return {}; }
  detail::wait_group_awaitable wait() { return {}; }
  detail::wait_group_awaitable operator co_await() { return {}; }
  detail::wait_group_awaitable await_exit(std::exception_ptr ep) { (void)ep; return {}; }

 private:
  std::list<promise<void>> waitables_;
  boost::asio::cancellation_type ct_normal_, ct_except_;
};
}  // namespace boost::cobalt
