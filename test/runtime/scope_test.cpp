// The async resource protocol and async_with(): the lesson's AsyncTimer and
// SuppressErrors, and contract points 1-3 and 5 for a single resource.
#include <coroscope/cancel.hpp>
#include <coroscope/run.hpp>
#include <coroscope/scope.hpp>
#include <coroscope/sync.hpp>
#include <coroscope/task_group.hpp>
#include <coroscope/time.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;
using coroscope::async_with;
using coroscope::cancelled;
using coroscope::run;
using coroscope::task;
using coroscope::testing::cleanup_error_capture;
using coroscope::testing::message_of;
using coroscope::testing::in_task;
using coroscope::testing::log_t;
using coroscope::testing::sleep_forever;
using coroscope::testing::value_error;

// The lesson's AsyncTimer: measures the wall-clock time of an async block;
// async_enter gives the timer itself (`return self`).
class async_timer {
public:
  explicit async_timer(std::string label, log_t& log) : label_(std::move(label)), log_(log) {}

  task<async_timer&> async_enter() {
    start_ = std::chrono::steady_clock::now();
    log_.push_back("[" + label_ + "] Starting");
    co_return *this;
  }

  task<bool> async_exit(std::exception_ptr) {
    elapsed = std::chrono::steady_clock::now() - start_;
    log_.push_back("[" + label_ + "] Elapsed");
    co_return false; // propagate exceptions
  }

  std::chrono::steady_clock::duration elapsed{};

private:
  std::string label_;
  log_t& log_;
  std::chrono::steady_clock::time_point start_;
};

struct connection_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <class E>
bool holds(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const E&) {
    return true;
  } catch (...) {
    return false;
  }
}

// The lesson's SuppressErrors: suppresses the listed exception types.
template <class... Suppressed>
class suppress_errors {
public:
  task<suppress_errors&> async_enter() { co_return *this; }

  task<bool> async_exit(std::exception_ptr error) {
    if (error && (holds<Suppressed>(error) || ...)) {
      suppressed = error;
      co_return true; // suppress
    }
    co_return false; // propagate
  }

  std::exception_ptr suppressed;
};

// A resource that records what happens to it and can be told to fail.
struct probe {
  probe(log_t& log, std::string name) : log(log), name(std::move(name)) {}

  log_t& log;
  std::string name;
  bool fail_enter = false;
  bool fail_exit = false;
  bool suppress = false;
  std::exception_ptr seen; // what async_exit received

  task<std::string&> async_enter() {
    log.push_back("enter " + name);
    if (fail_enter)
      throw std::runtime_error("enter " + name + " failed");
    co_return name;
  }
  task<bool> async_exit(std::exception_ptr error) {
    seen = error;
    log.push_back("exit " + name);
    if (fail_exit)
      throw std::runtime_error("exit " + name + " failed");
    co_return suppress;
  }
};

task<void> fail_with(std::string message) {
  throw value_error(std::move(message));
  co_return;
}

// --- the lesson's classes -------------------------------------------------

TEST(AsyncWith, LessonAsyncTimerMeasuresTheBlock) {
  log_t log;
  async_timer timer("fetch", log);
  run([&]() -> task<void> {
    co_await async_with(timer, [&](async_timer& bound) -> task<void> {
      EXPECT_EQ(&bound, &timer); // `as timer` binds what async_enter returned
      log.push_back("body");
      co_await coroscope::sleep_for(20ms);
    });
  }());
  EXPECT_EQ(log, (log_t{"[fetch] Starting", "body", "[fetch] Elapsed"}));
  EXPECT_GE(timer.elapsed, 20ms); // a lower bound only: sleeps never end early
}

TEST(AsyncWith, LessonSuppressErrorsSuppressesListedTypes) {
  suppress_errors<connection_error, coroscope::timeout_error> ctx;
  run([&]() -> task<void> {
    co_await async_with(ctx, [](auto&) -> task<void> {
      throw connection_error("server down");
      co_return;
    });
  }());
  ASSERT_TRUE(ctx.suppressed);
  EXPECT_EQ(message_of(ctx.suppressed), "server down");
}

TEST(AsyncWith, LessonSuppressErrorsPropagatesOtherTypes) {
  suppress_errors<connection_error> ctx;
  EXPECT_THROW(run([&]() -> task<void> {
                 co_await async_with(ctx, [](auto&) { return fail_with("not suppressed"); });
               }()),
               value_error);
  EXPECT_FALSE(ctx.suppressed);
}

// --- binding the entered value --------------------------------------------

TEST(AsyncWith, BodyGetsTheEnteredValueAndItsResultIsReturned) {
  log_t log;
  probe resource{log, "db"};
  const std::size_t size = run([&]() -> task<std::size_t> {
    co_return co_await async_with(resource, [&](std::string& name) -> task<std::size_t> {
      EXPECT_EQ(&name, &resource.name); // a reference result is the object itself
      name += "-used";
      co_return name.size();
    });
  }());
  EXPECT_EQ(size, 7u);
  EXPECT_EQ(log, (log_t{"enter db", "exit db-used"}));
}

// A resource whose async_enter gives void and whose async_exit gives void
// ("return None": propagate); the body takes no argument.
struct plain_resource {
  log_t& log;
  task<void> async_enter() {
    log.push_back("enter");
    co_return;
  }
  task<void> async_exit(std::exception_ptr error) {
    log.push_back(error ? "exit with error" : "exit");
    co_return;
  }
};

TEST(AsyncWith, VoidEnterAndVoidExit) {
  log_t log;
  plain_resource resource{log};
  run([&]() -> task<void> {
    co_await async_with(resource, [&]() -> task<void> {
      log.push_back("body");
      co_return;
    });
  }());
  EXPECT_THROW(run(async_with(resource, [] { return fail_with("boom"); })), value_error);
  EXPECT_EQ(log, (log_t{"enter", "body", "exit", "enter", "exit with error"}));
}

// An rvalue resource is moved into the scope and lives until it ends.
struct owned_resource {
  log_t* log;
  std::unique_ptr<int> value = std::make_unique<int>(42);
  task<int&> async_enter() { co_return *value; }
  task<bool> async_exit(std::exception_ptr) {
    log->push_back("exit " + std::to_string(*value));
    co_return false;
  }
};

TEST(AsyncWith, RvalueResourceLivesUntilTheScopeEnds) {
  log_t log;
  auto scope = async_with(owned_resource{&log}, [&](int& value) -> task<int> {
    co_await coroscope::sleep_for(0ms);
    co_return value + 1;
  });
  EXPECT_EQ(run(std::move(scope)), 43);
  EXPECT_EQ(log, (log_t{"exit 42"}));
}

// --- contract 1: exit runs exactly once, on every outcome, LIFO -------------

TEST(AsyncWith, ExitRunsOnceOnSuccessErrorAndCancellation) {
  log_t log;
  probe resource{log, "r"};
  run(async_with(resource, [](std::string&) -> task<void> { co_return; }));
  EXPECT_FALSE(resource.seen);

  EXPECT_THROW(run(async_with(resource, [](std::string&) { return fail_with("boom"); })),
               value_error);
  EXPECT_TRUE(holds<value_error>(resource.seen));

  EXPECT_THROW(run(in_task(coroscope::timeout(1ms, async_with(resource, [](std::string&) {
                     return sleep_forever();
                   })))),
               coroscope::timeout_error);
  EXPECT_TRUE(holds<cancelled>(resource.seen));
  EXPECT_EQ(log, (log_t{"enter r", "exit r", "enter r", "exit r", "enter r", "exit r"}));
}

TEST(AsyncWith, FailedEnterIsNotExited) {
  log_t log;
  probe resource{log, "r"};
  resource.fail_enter = true;
  bool body_ran = false;
  EXPECT_THROW(run(async_with(resource,
                              [&](std::string&) -> task<void> {
                                body_ran = true;
                                co_return;
                              })),
               std::runtime_error);
  EXPECT_FALSE(body_ran);
  EXPECT_EQ(log, (log_t{"enter r"}));
}

TEST(AsyncWith, NestedScopesExitInReverseOrderOnError) {
  // The lesson's opening program: A and B are both released, B first.
  log_t log;
  probe a{log, "A"};
  probe b{log, "B"};
  EXPECT_THROW(run([&]() -> task<void> {
                 co_await async_with(a, [&](std::string&) -> task<void> {
                   co_await async_with(b, [&](std::string&) -> task<void> {
                     log.push_back("body");
                     co_await fail_with("boom");
                   });
                 });
               }()),
               value_error);
  EXPECT_EQ(log, (log_t{"enter A", "enter B", "body", "exit B", "exit A"}));
}

TEST(AsyncWith, BodyThatThrowsBeforeReturningATaskStillExits) {
  log_t log;
  probe resource{log, "r"};
  EXPECT_THROW(run(async_with(resource,
                              [](std::string&) -> task<void> { throw value_error("eager"); })),
               value_error);
  EXPECT_EQ(log, (log_t{"enter r", "exit r"}));
}

// --- contract 2: the body's exception wins --------------------------------

TEST(AsyncWith, FailingExitDoesNotReplaceTheBodysException) {
  cleanup_error_capture reported;
  log_t log;
  probe resource{log, "r"};
  resource.fail_exit = true;
  try {
    run(async_with(resource, [](std::string&) { return fail_with("body failed"); }));
    ADD_FAILURE() << "no exception";
  } catch (const value_error& e) {
    EXPECT_STREQ(e.what(), "body failed");
  }
  EXPECT_EQ(reported.errors(), (log_t{"exit r failed"}));
}

TEST(AsyncWith, FailingExitAfterSuccessPropagatesAsItself) {
  cleanup_error_capture reported;
  log_t log;
  probe resource{log, "r"};
  resource.fail_exit = true;
  try {
    run(async_with(resource, [](std::string&) -> task<void> { co_return; }));
    ADD_FAILURE() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "exit r failed");
  }
  EXPECT_TRUE(reported.errors().empty());
}

// An exit that rethrows the exception it was given (instead of returning
// false) lets it propagate; that is no cleanup failure.
struct rethrowing_resource {
  task<void> async_enter() { co_return; }
  task<bool> async_exit(std::exception_ptr error) {
    if (error)
      std::rethrow_exception(error);
    co_return false;
  }
};

TEST(AsyncWith, ExitRethrowingTheBodysExceptionIsNotReported) {
  cleanup_error_capture reported;
  rethrowing_resource resource;
  EXPECT_THROW(run(async_with(resource, [] { return fail_with("boom"); })), value_error);
  EXPECT_TRUE(reported.errors().empty());
}

// --- contract 3: cancellation is never swallowed, cleanup is shielded -------

TEST(AsyncWith, ExitCannotSuppressCancellation) {
  log_t log;
  probe resource{log, "r"};
  resource.suppress = true;
  // If the cancellation were suppressed, the scope would end normally and
  // timeout() would give the work's (void) result instead of timeout_error.
  EXPECT_THROW(run(in_task(coroscope::timeout(1ms, async_with(resource, [](std::string&) {
                     return sleep_forever();
                   })))),
               coroscope::timeout_error);
  EXPECT_TRUE(holds<cancelled>(resource.seen));
}

TEST(AsyncWith, ExitCanSuppressAnError) {
  log_t log;
  probe resource{log, "r"};
  resource.suppress = true;
  EXPECT_NO_THROW(run(async_with(resource, [](std::string&) { return fail_with("handled"); })));
  EXPECT_TRUE(holds<value_error>(resource.seen));
}

TEST(AsyncWith, SuppressingTheExceptionOfAValueBodyIsALogicError) {
  log_t log;
  probe resource{log, "r"};
  resource.suppress = true;
  EXPECT_THROW(run(async_with(resource,
                              [](std::string&) -> task<int> {
                                throw value_error("no value");
                                co_return 1;
                              })),
               std::logic_error);
}

// An exit that has to wait: unshielded, the wait would throw cancelled in a
// cancelled task and the cleanup would never finish.
struct slow_exit {
  log_t& log;
  task<void> async_enter() { co_return; }
  task<bool> async_exit(std::exception_ptr) {
    co_await coroscope::sleep_for(1ms);
    log.push_back("exit finished");
    co_return false;
  }
};

TEST(AsyncWith, ExitRunsShieldedFromCancellation) {
  cleanup_error_capture reported;
  log_t log;
  slow_exit resource{log};
  EXPECT_THROW(run(in_task(coroscope::timeout(1ms, async_with(resource, [] {
                     return sleep_forever();
                   })))),
               coroscope::timeout_error);
  EXPECT_EQ(log, (log_t{"exit finished"}));
  EXPECT_TRUE(reported.errors().empty());
}

// --- contract 5: cleanup waits without blocking the loop --------------------

// The exit waits for an event that only another task sets: it completes
// only if the loop keeps running other tasks while the cleanup waits.
struct waits_for_sibling {
  coroscope::event& released;
  task<void> async_enter() { co_return; }
  task<bool> async_exit(std::exception_ptr) {
    co_await released.wait();
    co_return false;
  }
};

TEST(AsyncWith, WaitingCleanupLetsOtherTasksRun) {
  coroscope::event released;
  waits_for_sibling resource{released};
  log_t log;
  run([&]() -> task<void> {
    co_await coroscope::when_all(
        async_with(resource,
                   [&]() -> task<void> {
                     log.push_back("body");
                     co_return;
                   }),
        [&]() -> task<void> {
          co_await coroscope::sleep_for(1ms);
          log.push_back("sibling");
          released.set();
        }());
  }());
  EXPECT_EQ(log, (log_t{"body", "sibling"}));
}

} // namespace
