// coroscope test stub of <exec/start_detached.hpp> (our own code).
// Fire-and-forget: starts the sender now; nobody can wait for it; set_error => terminate.
// (At e92245d, stdexec::start_detached is deprecated in favour of this exec:: one.)
#pragma once
#include <exec/detail/stub_namespace.hpp>
#include <stdexec/execution.hpp>

COROSCOPE_STUB_EXEC_BEGIN
struct start_detached_t {
  template <stdexec::sender S>
  void operator()(S&&) const {}
};
inline constexpr start_detached_t start_detached{};
COROSCOPE_STUB_EXEC_END
