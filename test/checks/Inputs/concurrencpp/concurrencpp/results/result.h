// coroscope test stub for concurrencpp::result<T> (v0.1.7) -- our own code.
// A coroutine returning result<T> is EAGER: it starts running in the caller at the call
// (initial_suspend = suspend_never), or -- with executor_tag as first parameter, a
// "parallel coroutine" -- is posted to that executor at once (its initial awaiter derives
// from suspend_always, yet the task is NOT lazy).  result has NO promise_type member: the
// promise comes from std::coroutine_traits specializations (results/promises.h).
// Single use: operator co_await (non-const) and get() move the state out; awaiting or
// get()ting again throws errors::empty_result.  Dropped unawaited: the task keeps running
// detached, its value/exception is lost.
// BLOCKING: get(), wait(), wait_for(), wait_until().  Remedy: `co_await std::move(r)` / `co_await r`.
#pragma once
#include <concurrencpp/errors.h>
#include <concurrencpp/results/result_fwd_declarations.h>
#include <chrono>

namespace concurrencpp {
template <class type>
class result {
 public:
  result() noexcept = default;
  result(result&&) noexcept = default;
  result& operator=(result&&) noexcept = default;
  result(const result&) = delete;
  explicit operator bool() const noexcept;
  result_status status() const;
  void wait() const;
  template <class duration_type, class ratio_type>
  result_status wait_for(std::chrono::duration<duration_type, ratio_type> duration) const;
  template <class clock_type, class duration_type>
  result_status wait_until(std::chrono::time_point<clock_type, duration_type> timeout) const;
  type get();
  details::result_awaiter<type> operator co_await();
  details::result_awaiter<result<type>> resolve();  // waits, yields the result itself
 private:
  std::shared_ptr<void> m_state;
};
}  // namespace concurrencpp

#include <concurrencpp/results/promises.h>
