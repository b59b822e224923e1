// coroscope test stub of <boost/cobalt/op.hpp> (our own code).
// `cobalt::use_op` turns any Boost.Asio initiating function into an awaitable
// `cobalt::op<Args...>`; an error_code completion is thrown as boost::system::system_error
// (cancellation: code == boost::asio::error::operation_aborted).
#pragma once
#include <boost/asio/async_result.hpp>
#include <boost/system/system_error.hpp>
#include <coroutine>
#include <exception>
#include <optional>
#include <tuple>

namespace boost::cobalt {

namespace detail {
inline void interpret(std::tuple<>) {}
inline void interpret(std::tuple<boost::system::error_code> t) {
  if (std::get<0>(t)) throw boost::system::system_error(std::get<0>(t));
}
template <typename T>
T interpret(std::tuple<boost::system::error_code, T> t) {
  if (std::get<0>(t)) throw boost::system::system_error(std::get<0>(t));
  return std::move(std::get<1>(t));
}
inline void interpret(std::tuple<std::exception_ptr> t) {
  if (std::get<0>(t)) std::rethrow_exception(std::get<0>(t));
}
template <typename T>
T interpret(std::tuple<std::exception_ptr, T> t) {
  if (std::get<0>(t)) std::rethrow_exception(std::get<0>(t));
  return std::move(std::get<1>(t));
}
}  // namespace detail

// An asynchronous operation awaited with `co_await std::move(op)` / `co_await f(use_op)`.
template <typename... Args>
struct op {
  struct awaitable {
    std::optional<std::tuple<Args...>> result;
    bool await_ready() { return false; }
    template <typename Promise>
    bool await_suspend(std::coroutine_handle<Promise>) noexcept { return true; }
    auto await_resume() { return detail::interpret(std::move(*result)); }
  };
  awaitable operator co_await() && { return {}; }
  virtual ~op() = default;
};

struct use_op_t {
  constexpr use_op_t() {}
};
constexpr use_op_t use_op{};

}  // namespace boost::cobalt

namespace boost::asio {
template <typename... Args>
struct async_result<boost::cobalt::use_op_t, void(Args...)> {
  using return_type = boost::cobalt::op<Args...>;
  template <typename Initiation, typename... InitArgs>
  static return_type initiate(Initiation&&, boost::cobalt::use_op_t, InitArgs&&...) {
    return {};
  }
};
}  // namespace boost::asio
