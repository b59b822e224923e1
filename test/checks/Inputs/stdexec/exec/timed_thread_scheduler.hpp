// coroscope test stub of <exec/timed_thread_scheduler.hpp> (our own code).
#pragma once
#include <exec/timed_scheduler.hpp>
#include <chrono>

COROSCOPE_STUB_EXEC_BEGIN
class timed_thread_scheduler : public stdexec::__stub::scheduler {
 public:
  using time_point = std::chrono::steady_clock::time_point;
  using duration = std::chrono::steady_clock::duration;
  time_point now() const noexcept { return {}; }
  stdexec::__stub::sender_of<> schedule_after(duration) const noexcept { return {}; }
  stdexec::__stub::sender_of<> schedule_at(time_point) const noexcept { return {}; }
};
class timed_thread_context {
 public:
  timed_thread_context() = default;
  timed_thread_scheduler get_scheduler() noexcept { return {}; }
};
COROSCOPE_STUB_EXEC_END
