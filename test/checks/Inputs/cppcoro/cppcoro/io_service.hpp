// coroscope test stub for cppcoro::io_service -- our own code.
// Sleep: `co_await io.schedule_after(100ms[, token]);` -- its await_resume throws
// cppcoro::operation_cancelled when the token is cancelled (so do socket/file operations
// given a cancelled token).  process_events() & co. RUN the event loop: they block the
// calling thread until stop() (cppcoro's own README/tests run process_events() inside a
// task that is one arm of `sync_wait(when_all_ready(...))` -- the event-loop driver).
#pragma once
#include <cppcoro/cancellation_token.hpp>
#include <cppcoro/coroutine.hpp>
#include <chrono>
#include <cstdint>

namespace cppcoro {
class io_service {
 public:
  class schedule_operation {
   public:
    explicit schedule_operation(io_service& s) noexcept : m_service(s) {}
    bool await_ready() const noexcept { return false; }
    void await_suspend(coroutine_handle<> awaiter) noexcept;
    void await_resume() const noexcept {}
   private:
    io_service& m_service;
  };
  class timed_schedule_operation {
   public:
    timed_schedule_operation(io_service& s,
                             std::chrono::high_resolution_clock::time_point resumeTime,
                             cancellation_token token) noexcept;
    timed_schedule_operation(timed_schedule_operation&&) noexcept;
    ~timed_schedule_operation();
    bool await_ready() const noexcept;
    void await_suspend(coroutine_handle<> awaiter);
    void await_resume();  // token.throw_if_cancellation_requested()
  };

  io_service();
  explicit io_service(std::uint32_t concurrencyHint);
  ~io_service();
  io_service(const io_service&) = delete;

  [[nodiscard]] schedule_operation schedule() noexcept { return schedule_operation{*this}; }
  template <typename REP, typename PERIOD>
  [[nodiscard]] timed_schedule_operation schedule_after(
      const std::chrono::duration<REP, PERIOD>& delay,
      cancellation_token cancellationToken = {}) noexcept {
    return timed_schedule_operation{
        *this, std::chrono::high_resolution_clock::now() + delay,
        static_cast<cancellation_token&&>(cancellationToken)};
  }

  std::uint64_t process_events();               // blocks until stop()
  std::uint64_t process_pending_events();
  std::uint64_t process_one_event();            // blocks until one event
  std::uint64_t process_one_pending_event();
  void stop() noexcept;
  void reset();
  bool is_stop_requested() const noexcept;
  void notify_work_started() noexcept;
  void notify_work_finished() noexcept;
};

class io_work_scope {
 public:
  explicit io_work_scope(io_service& s) noexcept : m_service(&s) { s.notify_work_started(); }
  ~io_work_scope() { if (m_service) m_service->notify_work_finished(); }
 private:
  io_service* m_service;
};
}  // namespace cppcoro
