// Exception suppression: async_exit returning true suppresses the body's
// exception, and async_with returns normally. (A coroscope::cancelled can
// never be suppressed.)
#include "lesson.hpp"

#include <coroscope/scope.hpp>
#include <coroscope/time.hpp>

#include <cstdio>
#include <exception>

using coroscope::async_with;
using coroscope::task;

/// issubclass(exc_type, E), for a stored exception.
template <class E>
bool is_a(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const E&) {
    return true;
  } catch (...) {
    return false;
  }
}

/// Suppress specific exception types in async blocks.
template <class... Exceptions>
class suppress_errors {
public:
  task<suppress_errors&> async_enter() { co_return *this; }

  task<bool> async_exit(std::exception_ptr error) {
    if (error && (is_a<Exceptions>(error) || ...)) {
      suppressed = error;
      co_return true; // Suppress
    }
    co_return false; // Propagate
  }

  std::exception_ptr suppressed;
};

task<void> amain() {
  suppress_errors<lesson::connection_error, coroscope::timeout_error> ctx;
  co_await async_with(ctx, [](auto&) -> task<void> {
    throw lesson::connection_error("server down");
  });
  std::printf("Suppressed: %s\n", lesson::str(ctx.suppressed).c_str());
}

int main() { return lesson::run(amain()); }
