// coroscope test stub: seastar/core/condition-variable.hh.
// "A standard condition variable sans locking": wait()/when() take NO lock
// and release nothing while suspended.
#pragma once
#include <chrono>
#include <coroutine>
#include <cstdlib>
#include <exception>
#include <seastar/core/future.hh>
namespace seastar {
class broken_condition_variable : public std::exception {
 public:
  const char* what() const noexcept override;
};
class condition_variable_timed_out : public std::exception {
 public:
  const char* what() const noexcept override;
};
class condition_variable {
 public:
  struct [[nodiscard("must co_await a when() call")]] awaiter {
    struct op {
      bool await_ready() const;
      void await_suspend(std::coroutine_handle<> h);
      void await_resume();
    };
    op operator co_await() { return {}; }
  };
  condition_variable() noexcept = default;
  future<> wait() noexcept;
  template <typename Clock, typename Duration>
  future<> wait(std::chrono::time_point<Clock, Duration> timeout) noexcept;
  template <typename Rep, typename Period>
  future<> wait(std::chrono::duration<Rep, Period> timeout) noexcept;
  template <typename Pred>
  future<> wait(Pred&& pred) noexcept { std::abort(); }
  template <typename Rep, typename Period, typename Pred>
  future<> wait(std::chrono::duration<Rep, Period> timeout, Pred&& pred) noexcept { std::abort(); }
  awaiter when() noexcept;
  template <typename Pred>
  awaiter when(Pred&& pred) noexcept { std::abort(); }
  void signal() noexcept;
  void broadcast() noexcept;
  void broken() noexcept;
};
} // namespace seastar
