// Exception handling in asynccontextmanager: the lesson's
// try/except/else/finally around the yield. In C++ the co_yield hands back
// the body's outcome, so the three clauses are plain code after it:
//
//   except: the outcome is an exception -> roll back (the runtime re-raises)
//   else:   the outcome is null         -> commit
//   finally: code that follows both     -> close, always
//
// The lesson prints nothing for this example; the program uses the resource
// once with a body that succeeds and once with one that fails.
#include "lesson.hpp"

#include <coroscope/async_context.hpp>
#include <coroscope/scope.hpp>

#include <cstdio>
#include <exception>

using coroscope::async_context;
using coroscope::async_with;
using coroscope::task;

struct resource {
  int id;
  task<void> commit() { return step("commit"); }
  task<void> rollback() { return step("rollback"); }
  task<void> close() { return step("close"); }

private:
  task<void> step(const char* what) const {
    std::printf("resource %d: %s\n", id, what);
    co_return;
  }
};

task<resource> acquire() {
  static int acquired = 0;
  const resource r{++acquired};
  std::printf("resource %d: acquire\n", r.id);
  co_return r;
}

async_context<resource> safe_resource() {
  resource r = co_await acquire();
  std::exception_ptr failure = co_yield r;
  if (failure)
    co_await r.rollback(); // except: error recovery; re-raised by the runtime
  else
    co_await r.commit(); // else: success-only logic
  co_await r.close();    // finally: always runs
}

task<void> amain() {
  co_await async_with(safe_resource(), [](resource& r) -> task<void> {
    std::printf("resource %d: query succeeds\n", r.id);
    co_return;
  });
  try {
    co_await async_with(safe_resource(), [](resource& r) -> task<void> {
      std::printf("resource %d: query fails\n", r.id);
      throw lesson::value_error("query failed");
    });
  } catch (const lesson::value_error& e) {
    std::printf("Caught: ValueError: %s\n", e.what());
  }
}

int main() { return lesson::run(amain()); }
