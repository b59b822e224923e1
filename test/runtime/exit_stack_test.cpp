// exit_stack: the lesson's AsyncExitStack programs, fault injection over
// every subset of failing cleanups (contracts 1 and 2), cancellation
// (contract 3), single use once closed (contract 4), and waiting cleanups
// that leave the loop running (contract 5).
#include <coroscope/async_context.hpp>
#include <coroscope/exit_stack.hpp>
#include <coroscope/run.hpp>
#include <coroscope/scope.hpp>
#include <coroscope/sync.hpp>
#include <coroscope/task_group.hpp>
#include <coroscope/time.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <exception>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace {

using namespace std::chrono_literals;
using coroscope::async_context;
using coroscope::async_with;
using coroscope::cleanup_error;
using coroscope::exit_stack;
using coroscope::run;
using coroscope::task;
using coroscope::testing::cleanup_error_capture;
using coroscope::testing::message_of;
using coroscope::testing::in_task;
using coroscope::testing::log_t;
using coroscope::testing::sleep_forever;
using coroscope::testing::value_error;

log_t messages(const cleanup_error& error) {
  log_t result;
  for (const std::exception_ptr& failure : error.failures())
    result.push_back(message_of(failure));
  return result;
}

// The lesson's open_connection.
struct connection {
  std::string host;
  std::string status;
};

async_context<connection> open_connection(std::string host, log_t& log) {
  log.push_back("Connecting to " + host);
  connection conn{host, "connected"};
  co_yield conn;
  log.push_back("Disconnecting from " + host);
}

TEST(ExitStack, LessonFourHostsAreClosedInReverseOrder) {
  log_t log;
  const std::vector<std::string> hosts{"db-primary", "db-replica-1", "db-replica-2", "cache-01"};
  run(async_with(exit_stack(), [&](exit_stack& stack) -> task<void> {
    std::vector<connection*> connections;
    for (const std::string& host : hosts)
      connections.push_back(&co_await stack.enter(open_connection(host, log)));
    log.push_back("Connected to " + std::to_string(connections.size()) + " services");
    for (const connection* c : connections)
      log.push_back(c->host + ": " + c->status);
  }));
  EXPECT_EQ(log, (log_t{"Connecting to db-primary", "Connecting to db-replica-1",
                        "Connecting to db-replica-2", "Connecting to cache-01",
                        "Connected to 4 services", "db-primary: connected",
                        "db-replica-1: connected", "db-replica-2: connected",
                        "cache-01: connected", "Disconnecting from cache-01",
                        "Disconnecting from db-replica-2", "Disconnecting from db-replica-1",
                        "Disconnecting from db-primary"}));
}

task<void> cleanup_temp_files(log_t& log, std::string path) {
  log.push_back("Cleaning up " + path);
  co_await coroscope::sleep_for(1ms);
}

TEST(ExitStack, LessonCallbacksRunInReverseRegistrationOrder) {
  log_t log;
  run(async_with(exit_stack(), [&](exit_stack& stack) -> task<void> {
    stack.push_callback(cleanup_temp_files, std::ref(log), std::string("/tmp/session-123"));
    stack.callback([&log](const char* text) { log.push_back(text); }, "Sync cleanup done");
    co_await stack.enter(open_connection("db-primary", log));
    log.push_back("Working...");
  }));
  EXPECT_EQ(log, (log_t{"Connecting to db-primary", "Working...", "Disconnecting from db-primary",
                        "Sync cleanup done", "Cleaning up /tmp/session-123"}));
}

struct services {
  exit_stack stack;
  connection& db;
  connection& cache;
};

// The lesson's create_service_connections: ownership leaves the factory
// through pop_all(); if anything fails before, the factory's stack cleans up.
task<services> create_service_connections(log_t& log, bool fail) {
  co_return co_await async_with(exit_stack(), [&](exit_stack& stack) -> task<services> {
    connection& db = co_await stack.enter(open_connection("db", log));
    connection& cache = co_await stack.enter(open_connection("cache", log));
    if (fail)
      throw value_error("factory failed");
    co_return services{stack.pop_all(), db, cache};
  });
}

TEST(ExitStack, LessonPopAllTransfersOwnership) {
  log_t log;
  run([&]() -> task<void> {
    services s = co_await create_service_connections(log, false);
    log.push_back("Using " + s.db.host + " and " + s.cache.host);
    co_await s.stack.aclose();
  }());
  EXPECT_EQ(log, (log_t{"Connecting to db", "Connecting to cache", "Using db and cache",
                        "Disconnecting from cache", "Disconnecting from db"}));
}

TEST(ExitStack, FactoryFailureBeforePopAllCleansUp) {
  log_t log;
  EXPECT_THROW(run(create_service_connections(log, true)), value_error);
  EXPECT_EQ(log, (log_t{"Connecting to db", "Connecting to cache", "Disconnecting from cache",
                        "Disconnecting from db"}));
}

// --- fault injection: contracts 1 and 2 -----------------------------------

// Entry i of a stack, of one of the four kinds by i % 4; its cleanup logs i
// and fails when asked to.
struct fault_plan {
  log_t log;
  unsigned failing = 0; // bit i: cleanup i throws
  bool fails(int i) const { return (failing >> i) & 1u; }
  void cleanup(int i) {
    log.push_back(std::to_string(i));
    if (fails(i))
      throw std::runtime_error("cleanup " + std::to_string(i));
  }
};

async_context<int> generator_entry(fault_plan& plan, int i) {
  co_yield i;
  plan.cleanup(i);
}

struct class_entry {
  fault_plan& plan;
  int i;
  task<int> async_enter() { co_return i; }
  task<bool> async_exit(std::exception_ptr) {
    plan.cleanup(i);
    co_return false;
  }
};

task<void> async_cleanup(fault_plan& plan, int i) {
  co_await coroscope::sleep_for(0ms); // a real wait: the cleanup is shielded
  plan.cleanup(i);
}

task<void> register_entries(exit_stack& stack, fault_plan& plan, int n) {
  for (int i = 0; i < n; ++i) {
    switch (i % 4) {
    case 0:
      EXPECT_EQ(co_await stack.enter(generator_entry(plan, i)), i);
      break;
    case 1:
      EXPECT_EQ(co_await stack.enter(class_entry{plan, i}), i);
      break;
    case 2:
      stack.push_callback(async_cleanup, std::ref(plan), i);
      break;
    default:
      stack.callback([&plan](int j) { plan.cleanup(j); }, i);
      break;
    }
  }
}

enum class body_end { success, error, cancellation };

// Every cleanup ran exactly once, last registered first.
log_t lifo(int n) {
  log_t order;
  for (int i = n - 1; i >= 0; --i)
    order.push_back(std::to_string(i));
  return order;
}

log_t failure_messages(const fault_plan& plan, int n) {
  log_t failures;
  for (int i = n - 1; i >= 0; --i)
    if (plan.fails(i))
      failures.push_back("cleanup " + std::to_string(i));
  return failures;
}

void run_fault_case(int n, unsigned failing, body_end end) {
  SCOPED_TRACE("n=" + std::to_string(n) + " failing=" + std::to_string(failing) +
               " end=" + std::to_string(static_cast<int>(end)));
  cleanup_error_capture reported;
  fault_plan plan;
  plan.failing = failing;
  auto body = [&](exit_stack& stack) -> task<void> {
    co_await register_entries(stack, plan, n);
    if (end == body_end::error)
      throw value_error("body failed");
    if (end == body_end::cancellation)
      co_await sleep_forever();
  };
  const log_t failures = failure_messages(plan, n);
  switch (end) {
  case body_end::success:
    try {
      run(async_with(exit_stack(), body));
      EXPECT_TRUE(failures.empty()) << "no cleanup_error";
    } catch (const cleanup_error& e) {
      EXPECT_EQ(messages(e), failures);
    }
    EXPECT_TRUE(reported.errors().empty());
    break;
  case body_end::error:
    EXPECT_THROW(run(async_with(exit_stack(), body)), value_error);
    EXPECT_EQ(reported.errors(), failures);
    break;
  case body_end::cancellation:
    EXPECT_THROW(run(in_task(coroscope::timeout(1ms, async_with(exit_stack(), body)))),
                 coroscope::timeout_error);
    EXPECT_EQ(reported.errors(), failures);
    break;
  }
  EXPECT_EQ(plan.log, lifo(n));
}

TEST(ExitStack, EverySubsetOfFailingCleanupsAfterSuccess) {
  for (int n = 1; n <= 8; ++n)
    for (unsigned failing = 0; failing < (1u << n); ++failing)
      run_fault_case(n, failing, body_end::success);
}

TEST(ExitStack, EverySubsetOfFailingCleanupsAfterError) {
  for (int n = 1; n <= 8; ++n)
    for (unsigned failing = 0; failing < (1u << n); ++failing)
      run_fault_case(n, failing, body_end::error);
}

TEST(ExitStack, EverySubsetOfFailingCleanupsAfterCancellation) {
  for (int n = 1; n <= 8; ++n)
    for (unsigned failing = 0; failing < (1u << n); ++failing)
      run_fault_case(n, failing, body_end::cancellation);
}

TEST(ExitStack, ACloseThrowsEveryFailureInOrder) {
  fault_plan plan;
  plan.failing = 0b101;
  exit_stack stack;
  run(register_entries(stack, plan, 3));
  try {
    run(stack.aclose());
    ADD_FAILURE() << "no cleanup_error";
  } catch (const cleanup_error& e) {
    EXPECT_EQ(messages(e), (log_t{"cleanup 2", "cleanup 0"}));
    EXPECT_STREQ(e.what(), "2 cleanups failed: cleanup 2; cleanup 0");
  }
  EXPECT_EQ(plan.log, lifo(3));
}

// --- entering --------------------------------------------------------------

struct failing_enter {
  task<int> async_enter() {
    throw value_error("cannot enter");
    co_return 0;
  }
  task<bool> async_exit(std::exception_ptr) {
    ADD_FAILURE() << "exited without being entered";
    co_return false;
  }
};

TEST(ExitStack, FailedEnterRegistersNothingAndTheOthersStillExit) {
  log_t log;
  EXPECT_THROW(run(async_with(exit_stack(),
                              [&](exit_stack& stack) -> task<void> {
                                co_await stack.enter(open_connection("db", log));
                                co_await stack.enter(failing_enter{});
                              })),
               value_error);
  EXPECT_EQ(log, (log_t{"Connecting to db", "Disconnecting from db"}));
}

TEST(ExitStack, LvalueResourceIsHeldByReference) {
  fault_plan plan;
  class_entry entry{plan, 7};
  run(async_with(exit_stack(), [&](exit_stack& stack) -> task<void> {
    EXPECT_EQ(co_await stack.enter(entry), 7);
  }));
  EXPECT_EQ(plan.log, (log_t{"7"}));
}

async_context<int> yields_twice() {
  co_yield 1;
  co_yield 2;
}

TEST(ExitStack, SecondYieldOfAnEnteredContextIsACleanupFailure) {
  try {
    run(async_with(exit_stack(), [](exit_stack& stack) -> task<void> {
      co_await stack.enter(yields_twice());
    }));
    ADD_FAILURE() << "no cleanup_error";
  } catch (const cleanup_error& e) {
    ASSERT_EQ(e.failures().size(), 1u);
    EXPECT_THROW(std::rethrow_exception(e.failures().front()), std::logic_error);
  }
}

// --- suppression and cancellation (contract 3) -----------------------------

struct suppressor {
  log_t& log;
  task<void> async_enter() { co_return; }
  task<bool> async_exit(std::exception_ptr error) {
    log.push_back(error ? "suppressor saw " + message_of(error) : "suppressor saw nothing");
    co_return true;
  }
};

struct witness {
  log_t& log;
  task<void> async_enter() { co_return; }
  task<bool> async_exit(std::exception_ptr error) {
    log.push_back(error ? "witness saw " + message_of(error) : "witness saw nothing");
    co_return false;
  }
};

TEST(ExitStack, SuppressionHidesTheErrorFromOuterResources) {
  log_t log;
  run(async_with(exit_stack(), [&](exit_stack& stack) -> task<void> {
    co_await stack.enter(witness{log});
    co_await stack.enter(suppressor{log});
    throw value_error("boom");
  }));
  EXPECT_EQ(log, (log_t{"suppressor saw boom", "witness saw nothing"}));
}

/// A cleanup that fails after the body's exception was suppressed: a
/// COMMIT that fails once the error that would have rolled back is gone.
struct failing_commit {
  log_t& log;
  task<void> async_enter() { co_return; }
  task<bool> async_exit(std::exception_ptr error) {
    log.push_back(error ? "commit saw " + message_of(error) : "commit saw nothing");
    throw value_error("COMMIT failed");
  }
};

TEST(ExitStack, ACleanupFailingAfterASuppressionPropagates) {
  // AsyncExitStack: once suppressed, the body counts as succeeded, so a later
  // failure propagates instead of reaching only the cleanup-error handler.
  cleanup_error_capture reported;
  log_t log;
  try {
    run(async_with(exit_stack(), [&](exit_stack& stack) -> task<void> {
      co_await stack.enter(failing_commit{log});
      co_await stack.enter(suppressor{log});
      throw value_error("boom");
    }));
    ADD_FAILURE() << "the scope returned normally";
  } catch (const cleanup_error& e) {
    ASSERT_EQ(e.failures().size(), 1u);
    EXPECT_EQ(message_of(e.failures().front()), "COMMIT failed");
    EXPECT_EQ(message_of(e.suppressed()), "boom");
  }
  EXPECT_EQ(log, (log_t{"suppressor saw boom", "commit saw nothing"}));
  EXPECT_TRUE(reported.errors().empty());
}

TEST(ExitStack, ItsAsyncExitThrowsRatherThanReportingTheSuppression) {
  log_t log;
  exit_stack stack;
  run([&]() -> task<void> {
    co_await stack.enter(failing_commit{log});
    co_await stack.enter(suppressor{log});
  }());
  const std::exception_ptr boom = std::make_exception_ptr(value_error("boom"));
  EXPECT_THROW(run(stack.async_exit(boom)), cleanup_error);
}

TEST(ExitStack, ANestedStackThatSuppressedAndFailedPropagatesThroughTheOuter) {
  cleanup_error_capture reported;
  log_t log;
  try {
    run(async_with(exit_stack(), [&](exit_stack& outer) -> task<void> {
      co_await outer.enter(witness{log});
      exit_stack& inner = co_await outer.enter(exit_stack());
      co_await inner.enter(failing_commit{log});
      co_await inner.enter(suppressor{log});
      throw value_error("boom");
    }));
    ADD_FAILURE() << "the scope returned normally";
  } catch (const cleanup_error& e) {
    EXPECT_EQ(message_of(e.suppressed()), "boom");
  }
  EXPECT_EQ(log, (log_t{"suppressor saw boom", "commit saw nothing", "witness saw nothing"}));
  EXPECT_TRUE(reported.errors().empty());
}

TEST(ExitStack, CancellationCannotBeSuppressed) {
  log_t log;
  // Suppressed, the scope would end normally and timeout() would not throw.
  EXPECT_THROW(run(in_task(coroscope::timeout(1ms, async_with(exit_stack(),
                                                               [&](exit_stack& stack) -> task<void> {
                                                                 co_await stack.enter(
                                                                     witness{log});
                                                                 co_await stack.enter(
                                                                     suppressor{log});
                                                                 co_await sleep_forever();
                                                               })))),
               coroscope::timeout_error);
  EXPECT_EQ(log, (log_t{"suppressor saw cancelled", "witness saw cancelled"}));
}

// --- contract 4: single use once closed ------------------------------------

TEST(ExitStack, ClosedStackCannotBeUsedAgain) {
  exit_stack stack;
  run(stack.aclose());
  auto noop = [] {};
  EXPECT_THROW(stack.callback(noop), std::logic_error);
  EXPECT_THROW(stack.push_callback([]() -> task<void> { co_return; }), std::logic_error);
  EXPECT_THROW(std::ignore = stack.pop_all(), std::logic_error);
  fault_plan plan;
  EXPECT_THROW(run(stack.enter(class_entry{plan, 1})), std::logic_error);
  EXPECT_THROW(run(stack.aclose()), std::logic_error);
  EXPECT_THROW(run(async_with(stack, [](exit_stack&) -> task<void> { co_return; })),
               std::logic_error);
  EXPECT_TRUE(plan.log.empty()); // the refused resource was never entered
}

TEST(ExitStack, PoppedStackStaysOpenAndEmpty) {
  fault_plan plan;
  exit_stack stack;
  run(register_entries(stack, plan, 2));
  exit_stack moved = stack.pop_all();
  run(stack.aclose());
  EXPECT_TRUE(plan.log.empty());
  run(moved.aclose());
  EXPECT_EQ(plan.log, lifo(2));
}

TEST(ExitStack, DestroyedWithCleanupsPendingIsReported) {
  cleanup_error_capture reported;
  {
    exit_stack stack;
    stack.callback([] { ADD_FAILURE() << "a destructor cannot run async cleanup"; });
  }
  ASSERT_EQ(reported.errors().size(), 1u);
  EXPECT_NE(reported.errors().front().find("never ran"), std::string::npos);
}

TEST(ExitStack, StackClosedWhileAnEnterWaitsExitsTheLateResource) {
  cleanup_error_capture reported;
  log_t log;
  exit_stack stack;
  coroscope::event entered_slowly;
  auto slow = [&]() -> async_context<int> {
    co_await entered_slowly.wait();
    co_yield 1;
    log.push_back("late resource exited");
  };
  run([&]() -> task<void> {
    co_await coroscope::when_all(
        [&]() -> task<void> {
          EXPECT_THROW(co_await stack.enter(slow()), std::logic_error);
        }(),
        [&]() -> task<void> {
          co_await stack.aclose();
          entered_slowly.set();
        }());
  }());
  EXPECT_EQ(log, (log_t{"late resource exited"}));
  EXPECT_TRUE(reported.errors().empty());
}

// --- contract 5: waiting cleanups leave the loop running ---------------------

TEST(ExitStack, WaitingCleanupLetsOtherTasksRun) {
  coroscope::event released;
  log_t log;
  run([&]() -> task<void> {
    co_await coroscope::when_all(
        async_with(exit_stack(),
                   [&](exit_stack& stack) -> task<void> {
                     stack.push_callback([&]() -> task<void> {
                       co_await released.wait();
                       log.push_back("cleanup");
                     });
                     co_return;
                   }),
        [&]() -> task<void> {
          co_await coroscope::sleep_for(1ms);
          log.push_back("sibling");
          released.set();
        }());
  }());
  EXPECT_EQ(log, (log_t{"sibling", "cleanup"}));
}

} // namespace
