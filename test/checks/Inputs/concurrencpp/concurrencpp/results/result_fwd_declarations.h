// coroscope test stub for concurrencpp forward declarations -- our own code.
#pragma once
#include <coroutine>
#include <memory>
namespace concurrencpp {
template <class type> class result;
template <class type> class lazy_result;
template <class type> class shared_result;
class executor;
struct executor_tag {};   // first parameter of a "parallel coroutine"
struct null_result {};    // fire-and-forget coroutine return type
enum class result_status { idle, value, exception };

namespace details {
template <typename T> struct return_value_struct { void return_value(T) {} };
template <> struct return_value_struct<void> { void return_void() noexcept {} };
// Awaiter returned by result/lazy_result operator co_await (declared only).
template <typename R>
struct result_awaiter {
  bool await_ready() const noexcept;
  bool await_suspend(std::coroutine_handle<> caller) noexcept;
  R await_resume();  // rethrows the task's exception
};
}  // namespace details
}  // namespace concurrencpp
