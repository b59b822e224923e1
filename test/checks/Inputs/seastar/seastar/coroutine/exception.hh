// coroscope test stub: seastar/coroutine/exception.hh -- fail the current
// coroutine's future without throwing:
//   co_return coroutine::exception(std::current_exception());  // future<T>, T non-void
//   co_await coroutine::return_exception_ptr(std::move(ep));    // any future
#pragma once
#include <coroutine>
#include <exception>
#include <utility>
namespace seastar::coroutine {
struct exception {
  std::exception_ptr eptr;
  explicit exception(std::exception_ptr eptr) noexcept : eptr(std::move(eptr)) {}
};
inline exception return_exception_ptr(std::exception_ptr ex) noexcept { return exception(std::move(ex)); }
template <typename T>
exception return_exception(T&& t) noexcept;
struct exception_awaiter {
  std::exception_ptr eptr;
  bool await_ready() const noexcept { return false; }
  template <typename U> void await_suspend(std::coroutine_handle<U> h) noexcept;
  void await_resume() noexcept {}
};
inline exception_awaiter operator co_await(exception ex) noexcept { return {std::move(ex.eptr)}; }
} // namespace seastar::coroutine
