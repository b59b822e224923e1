// coroscope test stub for concurrencpp::lazy_result<T> (v0.1.7) -- our own code.
// LAZY (initial_suspend = suspend_always).  Single use: operator co_await moves the handle
// out; a second co_await throws errors::empty_result.  Dropped: destroyed, never runs.
// run() starts it and returns an eager result<T>.
#pragma once
#include <concurrencpp/errors.h>
#include <concurrencpp/results/result_fwd_declarations.h>

namespace concurrencpp {
template <class type>
class lazy_result {
 public:
  lazy_result() noexcept = default;
  explicit lazy_result(std::coroutine_handle<> h) noexcept : m_state(h) {}
  lazy_result(lazy_result&& o) noexcept : m_state(o.m_state) { o.m_state = nullptr; }
  lazy_result& operator=(lazy_result&& o) noexcept;
  ~lazy_result() noexcept { if (m_state) m_state.destroy(); }
  explicit operator bool() const noexcept { return static_cast<bool>(m_state); }
  result_status status() const;
  details::result_awaiter<type> operator co_await();
  details::result_awaiter<lazy_result<type>> resolve();
  result<type> run();
 private:
  std::coroutine_handle<> m_state;
};
}  // namespace concurrencpp

#include <concurrencpp/results/promises.h>
