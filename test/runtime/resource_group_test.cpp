// resource_group: the five requirements of the lesson's Level 3 design
// challenge, and the contract points that apply to it.
#include <coroscope/async_context.hpp>
#include <coroscope/resource_group.hpp>
#include <coroscope/run.hpp>
#include <coroscope/scope.hpp>
#include <coroscope/sync.hpp>
#include <coroscope/task_group.hpp>
#include <coroscope/time.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <exception>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;
using coroscope::async_context;
using coroscope::async_with;
using coroscope::cleanup_error;
using coroscope::resource_group;
using coroscope::run;
using coroscope::task;
using coroscope::testing::cleanup_error_capture;
using coroscope::testing::message_of;
using coroscope::testing::in_task;
using coroscope::testing::log_t;
using coroscope::testing::value_error;

struct pool {
  std::string name;
};

// A named resource whose creation takes a while and whose cleanup may fail.
struct world {
  log_t log;
  std::map<std::string, int> created;
  std::vector<std::string> failing_cleanup;

  async_context<pool> create(std::string name) {
    ++created[name];
    log.push_back("create " + name);
    co_await coroscope::sleep_for(1ms); // creation waits: others may ask meanwhile
    pool resource{name};
    co_yield resource;
    log.push_back("close " + name);
    for (const std::string& failing : failing_cleanup)
      if (failing == name)
        throw std::runtime_error("close " + name + " failed");
  }

  void register_all(resource_group& group, std::initializer_list<const char*> names) {
    for (const char* name : names)
      group.register_factory(name, [this, name] { return create(name); });
  }
};

TEST(ResourceGroup, ResourcesAreCreatedLazilyOnFirstGet) {
  world w;
  resource_group group;
  w.register_all(group, {"db", "cache", "unused"});
  run(async_with(group, [&](resource_group& resources) -> task<void> {
    EXPECT_TRUE(w.created.empty()); // registering creates nothing
    pool& db = co_await resources.get<pool>("db");
    EXPECT_EQ(db.name, "db");
    pool& again = co_await resources.get<pool>("db");
    EXPECT_EQ(&again, &db);
    co_await resources.get<pool>("cache");
  }));
  EXPECT_EQ(w.created, (std::map<std::string, int>{{"db", 1}, {"cache", 1}}));
  EXPECT_EQ(w.log, (log_t{"create db", "create cache", "close cache", "close db"}));
}

TEST(ResourceGroup, ConcurrentGetsCreateOnce) {
  world w;
  resource_group group;
  w.register_all(group, {"db"});
  std::vector<pool*> seen;
  run(async_with(group, [&](resource_group& resources) -> task<void> {
    auto user = [&]() -> task<void> { seen.push_back(&co_await resources.get<pool>("db")); };
    co_await coroscope::when_all(user(), user(), user());
  }));
  EXPECT_EQ(w.created["db"], 1);
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0], seen[1]);
  EXPECT_EQ(seen[1], seen[2]);
}

TEST(ResourceGroup, UnknownNameIsAClearError) {
  world w;
  resource_group group;
  w.register_all(group, {"db", "cache"});
  try {
    run(async_with(group, [](resource_group& resources) -> task<void> {
      co_await resources.get<pool>("redis");
    }));
    ADD_FAILURE() << "no exception";
  } catch (const std::out_of_range& e) {
    EXPECT_STREQ(e.what(),
                 "coroscope::resource_group: unknown resource 'redis' (registered: cache, db)");
  }
  EXPECT_TRUE(w.created.empty());
}

TEST(ResourceGroup, WrongTypeIsALogicError) {
  world w;
  resource_group group;
  w.register_all(group, {"db"});
  EXPECT_THROW(run(async_with(group,
                              [](resource_group& resources) -> task<void> {
                                co_await resources.get<int>("db");
                              })),
               std::logic_error);
  EXPECT_TRUE(w.created.empty());
}

TEST(ResourceGroup, RegisteringANameTwiceIsALogicError) {
  world w;
  resource_group group;
  w.register_all(group, {"db"});
  EXPECT_THROW(w.register_all(group, {"db"}), std::logic_error);
}

// --- cleanup: LIFO, every failure collected (contracts 1 and 2) -------------

task<void> use_all(resource_group& resources) {
  for (const char* name : {"a", "b", "c"})
    co_await resources.get<pool>(name);
}

TEST(ResourceGroup, CleanupIsLifoAndCollectsEveryFailure) {
  cleanup_error_capture reported;
  world w;
  w.failing_cleanup = {"b", "c"};
  resource_group group;
  w.register_all(group, {"a", "b", "c"});
  try {
    run(async_with(group, use_all));
    ADD_FAILURE() << "no cleanup_error";
  } catch (const cleanup_error& e) {
    ASSERT_EQ(e.failures().size(), 2u);
    EXPECT_EQ(message_of(e.failures()[0]), "close c failed");
    EXPECT_EQ(message_of(e.failures()[1]), "close b failed");
  }
  EXPECT_EQ(w.log, (log_t{"create a", "create b", "create c", "close c", "close b", "close a"}));
  EXPECT_TRUE(reported.errors().empty());
}

TEST(ResourceGroup, BodyErrorWinsOverCleanupFailures) {
  cleanup_error_capture reported;
  world w;
  w.failing_cleanup = {"a", "c"};
  resource_group group;
  w.register_all(group, {"a", "b", "c"});
  EXPECT_THROW(run(async_with(group,
                              [](resource_group& resources) -> task<void> {
                                co_await use_all(resources);
                                throw value_error("body failed");
                              })),
               value_error);
  EXPECT_EQ(reported.errors(), (log_t{"close c failed", "close a failed"}));
  EXPECT_EQ(w.log, (log_t{"create a", "create b", "create c", "close c", "close b", "close a"}));
}

TEST(ResourceGroup, CancelledBodyStillClosesWhatWasCreated) {
  world w;
  resource_group group;
  w.register_all(group, {"a", "b"});
  EXPECT_THROW(run(in_task(coroscope::timeout(
                   50ms, async_with(group,
                                    [](resource_group& resources) -> task<void> {
                                      co_await resources.get<pool>("a");
                                      co_await coroscope::sleep_for(1h);
                                    })))),
               coroscope::timeout_error);
  EXPECT_EQ(w.log, (log_t{"create a", "close a"}));
}

// --- failed creation is not remembered ----------------------------------------

struct flaky {
  int& attempts;
  coroscope::event& may_fail;
  task<int> async_enter() {
    co_await may_fail.wait();
    if (++attempts == 1)
      throw value_error("first attempt fails");
    co_return attempts;
  }
  task<bool> async_exit(std::exception_ptr) { co_return false; }
};

TEST(ResourceGroup, FailedCreationIsRetriedByAWaitingGet) {
  int attempts = 0;
  coroscope::event may_fail;
  resource_group group;
  group.register_factory("flaky", [&] { return flaky{attempts, may_fail}; });
  log_t log;
  run(async_with(group, [&](resource_group& resources) -> task<void> {
    auto first = [&]() -> task<void> {
      try {
        co_await resources.get<int>("flaky");
        log.push_back("first got it");
      } catch (const value_error& e) {
        log.push_back(e.what());
      }
    };
    auto second = [&]() -> task<void> {
      const int value = co_await resources.get<int>("flaky"); // waits for the first
      log.push_back("second got " + std::to_string(value));
    };
    auto release = [&]() -> task<void> {
      may_fail.set();
      co_return;
    };
    co_await coroscope::when_all(first(), second(), release());
  }));
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(log, (log_t{"first attempt fails", "second got 2"}));
}

// --- single use (contract 4) ----------------------------------------------

TEST(ResourceGroup, GetOutsideTheScopeIsALogicError) {
  world w;
  resource_group group;
  w.register_all(group, {"db"});
  EXPECT_THROW(run(group.get<pool>("db")), std::logic_error); // not entered yet
  run(async_with(group, [](resource_group&) -> task<void> { co_return; }));
  EXPECT_THROW(run(group.get<pool>("db")), std::logic_error); // closed
  EXPECT_THROW(run(async_with(group, [](resource_group&) -> task<void> { co_return; })),
               std::logic_error);
  EXPECT_TRUE(w.created.empty());
}

} // namespace
