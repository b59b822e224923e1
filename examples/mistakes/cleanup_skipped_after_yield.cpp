// Practice question 2 of the lesson, and its rule: "always use try/finally
// around yield in @asynccontextmanager generators".
//
//   @asynccontextmanager
//   async def faulty():
//       yield "value"
//       raise RuntimeError("cleanup failed")
//
// In Python the body's exception is thrown into the generator at the yield,
// so code after a bare yield is skipped when the body fails; only a
// try/finally around the yield makes the cleanup unconditional.
//
// coroscope's async_context makes it unconditional by design: `co_yield r`
// evaluates to the body's outcome, a std::exception_ptr (null on success),
// the code after it runs on success, error and cancellation alike, and the
// runtime rethrows the body's exception when the generator finishes. The
// Python reflex that remains a mistake is to rethrow that outcome at once,
// as a bare `yield` would, before the cleanup.
//
// coroscope-scope-generator flags the rethrow in lossy_resource: when the
// body fails or is cancelled, conn.close() never runs and the connection
// leaks. safe_resource is the C++ form of the try/finally.
#include <coroscope/async_context.hpp>
#include <coroscope/task.hpp>

#include <exception>

namespace lesson {

struct connection {
  coroscope::task<void> close();
};

coroscope::task<connection> acquire();

coroscope::async_context<connection> lossy_resource() {
  connection conn = co_await acquire();
  std::exception_ptr failure = co_yield conn;
  if (failure)
    std::rethrow_exception(failure); // BUG(coroscope-scope-generator): skips close() on error/cancel
  co_await conn.close();
}

coroscope::async_context<connection> safe_resource() {
  connection conn = co_await acquire();
  co_yield conn;         // the body's outcome comes back as a value...
  co_await conn.close(); // ...so this runs on every outcome, like finally
}

} // namespace lesson
