// coroscope test stub of <exec/timed_scheduler.hpp> (our own code).
// The awaitable sleep: `co_await exec::schedule_after(timed_sched, 100ms);`
#pragma once
#include <exec/detail/stub_namespace.hpp>
#include <stdexec/execution.hpp>

COROSCOPE_STUB_EXEC_BEGIN
namespace __schedule_after {
struct schedule_after_t {
  template <class Sch, class Duration>
  auto operator()(Sch&& sch, const Duration& d) const { return sch.schedule_after(d); }
};
}  // namespace __schedule_after
namespace __schedule_at {
struct schedule_at_t {
  template <class Sch, class TimePoint>
  auto operator()(Sch&& sch, const TimePoint& tp) const { return sch.schedule_at(tp); }
};
}  // namespace __schedule_at
using __schedule_after::schedule_after_t;
using __schedule_at::schedule_at_t;
inline constexpr schedule_after_t schedule_after{};
inline constexpr schedule_at_t schedule_at{};
COROSCOPE_STUB_EXEC_END
