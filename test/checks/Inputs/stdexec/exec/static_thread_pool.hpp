// coroscope test stub of <exec/static_thread_pool.hpp> (our own code).
// Destructor requests stop and JOINS the worker threads.
#pragma once
#include <exec/detail/stub_namespace.hpp>
#include <stdexec/execution.hpp>
#include <cstdint>

COROSCOPE_STUB_EXEC_BEGIN
class static_thread_pool {
 public:
  explicit static_thread_pool(std::uint32_t threads = 1) { (void)threads; }
  ~static_thread_pool() {}
  stdexec::__stub::scheduler get_scheduler() noexcept { return {}; }
  void request_stop() noexcept {}
};
COROSCOPE_STUB_EXEC_END
