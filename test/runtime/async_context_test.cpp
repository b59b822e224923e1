// async_context<T>: the lesson's @asynccontextmanager patterns, the
// single-yield and single-use rules (contract 4), and cleanup after the
// co_yield on every outcome (contracts 1-3).
#include <coroscope/async_context.hpp>
#include <coroscope/run.hpp>
#include <coroscope/scope.hpp>
#include <coroscope/time.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;
using coroscope::async_context;
using coroscope::async_with;
using coroscope::run;
using coroscope::task;
using coroscope::testing::cleanup_error_capture;
using coroscope::testing::message_of;
using coroscope::testing::in_task;
using coroscope::testing::log_t;
using coroscope::testing::sleep_forever;
using coroscope::testing::value_error;

// The lesson's opening resource: acquire, yield, release on every outcome.
// Returns what the co_yield gave back, for the tests to look at.
async_context<std::string> resource(std::string name, log_t& log, std::exception_ptr& outcome) {
  log.push_back(name + ": acquire");
  outcome = co_yield name;
  log.push_back(name + ": release");
}

TEST(AsyncContext, BodyGetsTheYieldedObjectAndCleanupRunsOnSuccess) {
  log_t log;
  std::exception_ptr outcome = std::make_exception_ptr(0);
  run(async_with(resource("A", log, outcome), [&](std::string& a) -> task<void> {
    log.push_back("using " + a);
    a = "A'"; // the body sees the generator's own object
    co_return;
  }));
  EXPECT_EQ(log, (log_t{"A: acquire", "using A", "A': release"}));
  EXPECT_FALSE(outcome);
}

TEST(AsyncContext, CleanupRunsOnErrorAndTheBodysExceptionIsRethrown) {
  log_t log;
  std::exception_ptr outcome;
  try {
    run(async_with(resource("A", log, outcome), [](std::string&) -> task<void> {
      throw value_error("boom");
      co_return;
    }));
    ADD_FAILURE() << "no exception";
  } catch (const value_error& e) {
    EXPECT_STREQ(e.what(), "boom");
  }
  EXPECT_EQ(log, (log_t{"A: acquire", "A: release"}));
  EXPECT_EQ(message_of(outcome), "boom");
}

// Cleanup that waits, in a cancelled body: shielded, it completes.
async_context<void> slow_release(log_t& log, std::exception_ptr& outcome) {
  outcome = co_yield {};
  co_await coroscope::sleep_for(1ms);
  log.push_back("released");
}

TEST(AsyncContext, CleanupRunsShieldedOnCancellationWhichPropagates) {
  log_t log;
  std::exception_ptr outcome;
  EXPECT_THROW(run(in_task(coroscope::timeout(1ms, async_with(slow_release(log, outcome),
                                                               [] { return sleep_forever(); })))),
               coroscope::timeout_error);
  EXPECT_EQ(log, (log_t{"released"}));
  EXPECT_EQ(message_of(outcome), "cancelled");
}

TEST(AsyncContext, NestedContextsReleaseInReverseOrder) {
  // The lesson's opening program, and practice question 1.
  log_t log;
  std::exception_ptr outcome_a;
  std::exception_ptr outcome_b;
  EXPECT_THROW(run(async_with(resource("A", log, outcome_a),
                              [&](std::string& a) -> task<void> {
                                co_await async_with(
                                    resource("B", log, outcome_b),
                                    [&](std::string& b) -> task<void> {
                                      log.push_back("Using " + a + " and " + b);
                                      throw value_error("boom");
                                      co_return;
                                    });
                              })),
               value_error);
  EXPECT_EQ(log, (log_t{"A: acquire", "B: acquire", "Using A and B", "B: release",
                        "A: release"}));
}

// The lesson's database_transaction: commit on success, rollback on error.
struct transaction {
  log_t& log;
  task<void> commit() {
    log.push_back("commit");
    co_return;
  }
  task<void> rollback() {
    log.push_back("rollback");
    co_return;
  }
};

async_context<transaction> database_transaction(log_t& log) {
  transaction tx{log};
  log.push_back("begin");
  std::exception_ptr failure = co_yield tx;
  if (failure)
    co_await tx.rollback();
  else
    co_await tx.commit();
}

TEST(AsyncContext, LessonDatabaseTransaction) {
  log_t log;
  run(async_with(database_transaction(log), [&](transaction& tx) -> task<void> {
    EXPECT_EQ(&tx.log, &log);
    co_return;
  }));
  EXPECT_THROW(run(async_with(database_transaction(log), [](transaction&) -> task<void> {
                 throw value_error("insufficient funds");
                 co_return;
               })),
               value_error);
  EXPECT_EQ(log, (log_t{"begin", "commit", "begin", "rollback"}));
}

async_context<std::string> yields_a_temporary() { co_yield std::string("resource"); }

TEST(AsyncContext, YieldedTemporaryLivesWhileTheBodyRuns) {
  const std::string got = run(async_with(yields_a_temporary(), [](std::string& value) -> task<std::string> {
    co_await coroscope::sleep_for(0ms);
    co_return value;
  }));
  EXPECT_EQ(got, "resource");
}

// --- the generator's own exceptions -------------------------------------

async_context<int> fails_to_acquire(bool& cleaned) {
  throw value_error("cannot connect");
  co_yield 1;
  cleaned = true;
}

TEST(AsyncContext, FailureBeforeTheYieldPropagatesAndTheBodyNeverRuns) {
  bool cleaned = false;
  bool body_ran = false;
  EXPECT_THROW(run(async_with(fails_to_acquire(cleaned),
                              [&](int) -> task<void> {
                                body_ran = true;
                                co_return;
                              })),
               value_error);
  EXPECT_FALSE(body_ran);
  EXPECT_FALSE(cleaned);
}

// Practice question 2: the cleanup fails after the body failed.
async_context<std::string> faulty() {
  co_yield std::string("value");
  throw std::runtime_error("cleanup failed");
}

TEST(AsyncContext, FailingCleanupDoesNotReplaceTheBodysException) {
  cleanup_error_capture reported;
  try {
    run(async_with(faulty(), [](std::string&) -> task<void> {
      throw value_error("body failed");
      co_return;
    }));
    ADD_FAILURE() << "no exception";
  } catch (const value_error& e) {
    EXPECT_STREQ(e.what(), "body failed"); // Python would show "cleanup failed"
  }
  EXPECT_EQ(reported.errors(), (log_t{"cleanup failed"}));
}

TEST(AsyncContext, FailingCleanupAfterSuccessPropagates) {
  cleanup_error_capture reported;
  try {
    run(async_with(faulty(), [](std::string&) -> task<void> { co_return; }));
    ADD_FAILURE() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "cleanup failed");
  }
  EXPECT_TRUE(reported.errors().empty());
}

// --- contract 4: yield exactly once, enter once ---------------------------

struct destructor_probe {
  log_t& log;
  ~destructor_probe() { log.push_back("generator destroyed"); }
};

async_context<int> broken(log_t& log) {
  destructor_probe probe{log};
  co_yield 1;
  log.push_back("after first yield");
  co_yield 2;
  log.push_back("after second yield");
}

TEST(AsyncContext, SecondYieldIsALogicErrorAndTheGeneratorIsClosed) {
  log_t log;
  try {
    run(async_with(broken(log), [&](int v) -> task<void> {
      log.push_back("body " + std::to_string(v));
      co_return;
    }));
    ADD_FAILURE() << "no exception";
  } catch (const std::logic_error& e) {
    EXPECT_NE(std::string(e.what()).find("yielded more than once"), std::string::npos);
  }
  EXPECT_EQ(log, (log_t{"body 1", "after first yield", "generator destroyed"}));
}

async_context<int> never_yields(bool yield) {
  if (yield)
    co_yield 1;
}

TEST(AsyncContext, FinishingWithoutAYieldIsALogicError) {
  bool body_ran = false;
  try {
    run(async_with(never_yields(false), [&](int) -> task<void> {
      body_ran = true;
      co_return;
    }));
    ADD_FAILURE() << "no exception";
  } catch (const std::logic_error& e) {
    EXPECT_NE(std::string(e.what()).find("finished without co_yield"), std::string::npos);
  }
  EXPECT_FALSE(body_ran);
}

async_context<std::string> temp_resource(log_t& log) {
  log.push_back("setup");
  co_yield std::string("resource");
  log.push_back("teardown");
}

TEST(AsyncContext, EnteringTheSameObjectTwiceIsALogicError) {
  log_t log;
  auto print = [&](std::string& r) -> task<void> {
    log.push_back(r);
    co_return;
  };
  run([&]() -> task<void> {
    // Each call creates a new context: fine.
    co_await async_with(temp_resource(log), print);
    co_await async_with(temp_resource(log), print);
  }());
  EXPECT_EQ(log, (log_t{"setup", "resource", "teardown", "setup", "resource", "teardown"}));

  log.clear();
  auto cm = temp_resource(log);
  run(async_with(cm, print));
  try {
    run(async_with(cm, print));
    ADD_FAILURE() << "no exception";
  } catch (const std::logic_error& e) {
    EXPECT_NE(std::string(e.what()).find("already used"), std::string::npos);
  }
  EXPECT_EQ(log, (log_t{"setup", "resource", "teardown"}));
}

TEST(AsyncContext, ExitWithoutEnterIsALogicError) {
  log_t log;
  auto cm = temp_resource(log);
  EXPECT_THROW(run(cm.async_exit(nullptr)), std::logic_error);
}

TEST(AsyncContext, NeverEnteredIsReportedLikeAnUnawaitedTask) {
  coroscope::testing::unawaited_capture reports;
  log_t log;
  { auto unused = temp_resource(log); }
  EXPECT_EQ(reports.reports().size(), 1u);
  EXPECT_TRUE(log.empty());
}

TEST(AsyncContext, MovedContextIsEnteredOnce) {
  log_t log;
  auto first = temp_resource(log);
  auto second = std::move(first);
  run(async_with(second, [](std::string&) -> task<void> { co_return; }));
  EXPECT_EQ(log, (log_t{"setup", "teardown"}));
}

} // namespace
