// Mistake 3 of the lesson: losing the original exception in cleanup.
//
//   @asynccontextmanager
//   async def lossy_resource():
//       resource = await acquire()
//       try:
//           yield resource
//       finally:
//           await resource.close()  # If this raises, the original exception is LOST
//
// and practice question 2, where the cleanup raises after the body failed:
//
//   @asynccontextmanager
//   async def faulty():
//       yield "value"
//       raise RuntimeError("cleanup failed")
//
//   prints "Caught: RuntimeError: cleanup failed": the ValueError is gone.
//
// In C++ the cleanup cannot be awaited in a handler, so it runs between
// capturing the exception and rethrowing it, which is exactly where it can
// replace it. coroscope-masking-cleanup flags each operation below that may
// throw while the original exception waits. coroscope::async_with and
// coroscope::exit_stack do this right: they keep the body's exception.
#include <coroscope/task.hpp>

#include <exception>
#include <stdexcept>

namespace lesson {

struct resource {
  coroscope::task<void> close();
  void rollback();
};

coroscope::task<resource *> acquire();
coroscope::task<void> use(resource &);

coroscope::task<void> lossy_resource() {
  resource *r = co_await acquire();
  std::exception_ptr error;
  try {
    co_await use(*r);
  } catch (...) {
    error = std::current_exception();
  }
  co_await r->close(); // BUG(coroscope-masking-cleanup): if close() throws, the original exception is lost
  if (error)
    std::rethrow_exception(error);
}

// Practice question 2.
coroscope::task<void> faulty(resource &r) {
  std::exception_ptr error;
  try {
    co_await use(r); // throws ValueError's counterpart
  } catch (...) {
    error = std::current_exception();
  }
  throw std::runtime_error("cleanup failed"); // BUG(coroscope-masking-cleanup): replaces the body's error
}

// The synchronous form: cleanup in a handler before `throw;`.
void rollback_then_rethrow(resource &r) {
  try {
    r.rollback();
  } catch (...) {
    r.rollback(); // BUG(coroscope-masking-cleanup): a second failure replaces the first
    throw;
  }
}

// A destructor that may throw runs during unwinding, too.
struct transaction {
  resource *r;
  ~transaction() noexcept(false) {
    r->rollback(); // BUG(coroscope-masking-cleanup): throwing while unwinding calls std::terminate
  }
};

} // namespace lesson
