// coroscope test stub of <boost/cobalt/spawn.hpp> (our own code).
// spawn(executor-or-context, task, token): runs a (lazy) task on an executor, completing
// with void(std::exception_ptr[, T]) through an asio completion token:
//   asio::detached (result and exception dropped), cobalt::use_op (co_await it; may cross
//   threads), asio::use_future (then future.get() BLOCKS).
#pragma once
#include <boost/asio/async_result.hpp>
#include <boost/cobalt/task.hpp>
#include <exception>

namespace boost::cobalt {
namespace detail {
struct spawn_initiation {
  template <typename Handler, typename Task>
  void operator()(Handler&&, Task&&) const {}
};
}  // namespace detail

template <typename Context, typename T, typename CompletionToken>
  requires requires(Context& c) { c.get_executor(); }
auto spawn(Context& context, task<T>&& t, CompletionToken&& token) {
  (void)context;
  return boost::asio::async_initiate<CompletionToken, void(std::exception_ptr, T)>(
      detail::spawn_initiation{}, token, std::move(t));
}
template <typename Context, typename CompletionToken>
  requires requires(Context& c) { c.get_executor(); }
auto spawn(Context& context, task<void>&& t, CompletionToken&& token) {
  (void)context;
  return boost::asio::async_initiate<CompletionToken, void(std::exception_ptr)>(
      detail::spawn_initiation{}, token, std::move(t));
}
template <typename Executor, typename T, typename CompletionToken>
  requires std::is_convertible_v<Executor, executor>
auto spawn(Executor exec, task<T>&& t, CompletionToken&& token) {
  (void)exec;
  return boost::asio::async_initiate<CompletionToken, void(std::exception_ptr, T)>(
      detail::spawn_initiation{}, token, std::move(t));
}
template <typename Executor, typename CompletionToken>
  requires std::is_convertible_v<Executor, executor>
auto spawn(Executor exec, task<void>&& t, CompletionToken&& token) {
  (void)exec;
  return boost::asio::async_initiate<CompletionToken, void(std::exception_ptr)>(
      detail::spawn_initiation{}, token, std::move(t));
}
}  // namespace boost::cobalt
