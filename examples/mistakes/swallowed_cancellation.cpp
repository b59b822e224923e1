// Mistake 4 of the lesson: not handling cancellation.
//
//   @asynccontextmanager
//   async def cancellation_safe():
//       resource = await acquire()
//       try:
//           yield resource
//       except asyncio.CancelledError:
//           # Cleanup must still happen on cancellation
//           await resource.close()
//           raise  # Always re-raise CancelledError
//       except Exception:
//           await resource.rollback()
//           raise
//       else:
//           await resource.commit()
//       finally:
//           await resource.release()
//
// The lesson's version re-raises. The C++ versions below do what it warns
// against: they swallow coroscope::cancelled, so a cancelled task runs on and
// whoever cancelled it never finds out. coroscope-swallowed-cancellation
// flags both handlers.
#include <coroscope/cancel.hpp>
#include <coroscope/task.hpp>
#include <coroscope/time.hpp>

#include <chrono>
#include <exception>

namespace lesson {

struct resource {
  coroscope::task<void> close();
  coroscope::task<void> rollback();
  coroscope::task<void> commit();
  coroscope::task<void> release();
};

coroscope::task<resource *> acquire();
coroscope::task<void> use(resource &);

// co_await is not allowed in a handler, so the rollback waits until after
// it: the handler captures the exception, the code after it must rethrow.
coroscope::task<void> cancellation_unsafe() {
  resource *r = co_await acquire(); // BUG(coroscope-unguarded-acquire): a throwing rollback or commit skips release
  std::exception_ptr error;
  try {
    co_await use(*r);
  } catch (...) { // BUG(coroscope-swallowed-cancellation): catches coroscope::cancelled like any other error
    error = std::current_exception();
  }
  if (error)
    co_await r->rollback(); // ...and nothing after the handler rethrows it
  else
    co_await r->commit();
  co_await r->release();
}

// A polling loop that treats cancellation as one more failed attempt, so it
// can never be stopped.
coroscope::task<void> keep_polling(resource &r) {
  for (;;) {
    try {
      co_await use(r);
    } catch (...) { // BUG(coroscope-swallowed-cancellation): swallows cancellation; the loop goes on
    }
    co_await coroscope::sleep_for(std::chrono::seconds(1));
  }
}

} // namespace lesson
