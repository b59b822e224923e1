// cancelled, stop tokens, stop_callback, shield, current_stop_token.
#include <coroscope/cancel.hpp>
#include <coroscope/run.hpp>
#include <coroscope/sync.hpp>
#include <coroscope/task_group.hpp>
#include <coroscope/time.hpp>

#include <gtest/gtest.h>

#include <exception>
#include <string>
#include <type_traits>
#include <vector>

namespace coroscope {
namespace {

using namespace std::chrono_literals;

TEST(Cancelled, IsNotAStdException) {
  static_assert(!std::is_base_of_v<std::exception, cancelled>);
  std::string caught;
  try {
    try {
      throw cancelled();
    } catch (const std::exception&) {
      caught = "std::exception";
    }
  } catch (const cancelled& c) {
    caught = c.what();
  }
  EXPECT_EQ(caught, "coroscope::cancelled");
}

TEST(StopToken, DefaultNeverStops) {
  stop_token token;
  EXPECT_FALSE(token.stop_possible());
  EXPECT_FALSE(token.stop_requested());
}

TEST(StopToken, RunsMainUnderATokenThatNeverStops) {
  const stop_token token = run([]() -> task<stop_token> { co_return co_await current_stop_token(); }());
  EXPECT_FALSE(token.stop_possible());
}

TEST(StopToken, ChildrenInheritTheirAwaitersToken) {
  auto own_token = []() -> task<stop_token> { co_return co_await current_stop_token(); };
  auto nested = [&]() -> task<stop_token> { co_return co_await own_token(); };
  std::vector<stop_token> seen;
  auto child = [&]() -> task<> {
    seen.push_back(co_await current_stop_token());
    seen.push_back(co_await nested());
  };
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(child());
    co_return;
  }));
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_TRUE(seen[0].stop_possible());
  EXPECT_EQ(seen[0], seen[1]);
}

TEST(StopCallback, RunsOnStopRequestAndNotAfterDestruction) {
  std::vector<std::string> calls;
  auto child = [&]() -> task<> {
    const stop_token token = co_await current_stop_token();
    stop_callback dropped(token, [&]() noexcept { calls.push_back("dropped"); });
    {
      stop_callback gone(token, [&]() noexcept { calls.push_back("gone"); });
    }
    stop_callback kept(token, [&]() noexcept { calls.push_back("kept"); });
    co_await sleep_for(1h);
  };
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(child());
    co_await sleep_for(1ms);
    group.cancel();
  }));
  EXPECT_EQ(calls, (std::vector<std::string>{"dropped", "kept"}));
}

TEST(StopCallback, RunsAtOnceOnAStoppedToken) {
  bool called = false;
  auto child = [&]() -> task<> {
    co_await sleep_for(1h);
  };
  auto late = [&]() -> task<> {
    const stop_token token = co_await current_stop_token();
    stop_callback callback(token, [&]() noexcept { called = true; });
    EXPECT_TRUE(called);
  };
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(child());
    group.cancel();
    group.spawn(late());
    co_return;
  }));
  EXPECT_TRUE(called);
}

TEST(Cancellation, ThrowsAtTheNextCancellationPointOnly) {
  // The stop arrives while the child is ready to run (between two yields):
  // the code up to its next co_await still runs, the co_await throws.
  std::vector<std::string> trace;
  auto child = [&]() -> task<> {
    trace.push_back("child runs");
    co_await sleep_for(0ms);
    trace.push_back("child resumed after the stop");
    try {
      co_await sleep_for(0ms);
      trace.push_back("not reached");
    } catch (const cancelled&) {
      trace.push_back("child cancelled");
      throw;
    }
  };
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(child());
    co_await sleep_for(0ms); // child runs up to its first yield
    group.cancel();          // child is already scheduled to resume
    co_return;
  }));
  EXPECT_EQ(trace, (std::vector<std::string>{"child runs", "child resumed after the stop",
                                             "child cancelled"}));
}

TEST(Cancellation, AwaitingATaskIsNotItselfACancellationPoint) {
  auto plain = []() -> task<int> { co_return 1; };
  int result = 0;
  auto child = [&]() -> task<> {
    co_await sleep_for(0ms);
    result = co_await plain(); // no operation that waits: completes
    co_await sleep_for(0ms);   // throws
    result = -1;
  };
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(child());
    co_await sleep_for(0ms);
    group.cancel();
  }));
  EXPECT_EQ(result, 1);
}

TEST(Cancellation, IsSticky) {
  // Unlike asyncio's one-shot CancelledError: a task that swallows the
  // cancellation is cancelled again at its next cancellation point.
  int cancellations = 0;
  auto stubborn = [&]() -> task<> {
    for (int i = 0; i < 3; ++i) {
      try {
        co_await sleep_for(1h);
      } catch (const cancelled&) { // NOLINT: swallowed on purpose
        ++cancellations;
      }
    }
  };
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(stubborn());
    co_await sleep_for(1ms);
    group.cancel();
  }));
  EXPECT_EQ(cancellations, 3);
}

/// Cleanup that needs the loop: it sleeps before it records.
task<> slow_cleanup(std::vector<std::string>& trace) {
  co_await sleep_for(1ms);
  trace.push_back("cleaned up");
}

TEST(Shield, CleanupRunsToTheEndInACancelledTask) {
  std::vector<std::string> trace;
  auto child = [&]() -> task<> {
    std::exception_ptr error;
    try {
      co_await sleep_for(1h);
    } catch (...) {
      error = std::current_exception();
    }
    co_await shield(slow_cleanup(trace));
    trace.push_back("after shield");
    std::rethrow_exception(error);
  };
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(child());
    co_await sleep_for(1ms);
    group.cancel();
  }));
  EXPECT_EQ(trace, (std::vector<std::string>{"cleaned up", "after shield"}));
}

TEST(Shield, WithoutItCleanupIsCancelledToo) {
  std::vector<std::string> trace;
  auto child = [&]() -> task<> {
    std::exception_ptr error;
    try {
      co_await sleep_for(1h);
    } catch (...) {
      error = std::current_exception();
    }
    try {
      co_await slow_cleanup(trace);
    } catch (const cancelled&) {
      trace.push_back("cleanup cancelled");
    }
    std::rethrow_exception(error);
  };
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(child());
    co_await sleep_for(1ms);
    group.cancel();
  }));
  EXPECT_EQ(trace, (std::vector<std::string>{"cleanup cancelled"}));
}

TEST(Shield, NextUnshieldedPointThrowsAgain) {
  bool reached_end = false;
  auto child = [&]() -> task<> {
    co_await sleep_for(0ms);
    co_await shield(sleep_for(1ms)); // completes despite the stop
    co_await sleep_for(0ms);         // throws
    reached_end = true;
  };
  std::string outcome = "not cancelled";
  auto wrapper = [&]() -> task<> {
    try {
      co_await child();
    } catch (const cancelled&) {
      outcome = "cancelled";
      throw;
    }
  };
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(wrapper());
    co_await sleep_for(0ms);
    group.cancel();
  }));
  EXPECT_FALSE(reached_end);
  EXPECT_EQ(outcome, "cancelled");
}

TEST(Shield, GivesTheResultAndHidesTheToken) {
  auto token_inside = []() -> task<stop_token> { co_return co_await current_stop_token(); };
  auto child = [&]() -> task<> {
    const stop_token inside = co_await shield(token_inside());
    EXPECT_FALSE(inside.stop_possible());
  };
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(child());
    co_return;
  }));
}

TEST(Shield, TimeoutStillWorksInside) {
  run([]() -> task<> {
    EXPECT_THROW(co_await shield(timeout(1ms, sleep_for(1h))), timeout_error);
  }());
}

TEST(Shield, RefusesAnAwaitedTask) {
  run([]() -> task<> {
    auto once = []() -> task<int> { co_return 1; };
    task<int> used = once();
    co_await used;
    EXPECT_THROW((void)shield(std::move(used)), std::logic_error);
  }());
}

TEST(Shield, IsSingleUse) {
  run([]() -> task<> {
    int runs = 0;
    auto cleanup = [&]() -> task<> {
      ++runs;
      co_return;
    };
    auto shielded = shield(cleanup());
    co_await shielded;
    try {
      co_await shielded;
      ADD_FAILURE() << "awaited twice without an error";
    } catch (const std::logic_error& e) {
      EXPECT_NE(std::string(e.what()).find("coroscope::shield awaited twice"), std::string::npos)
          << e.what();
    }
    EXPECT_EQ(runs, 1);
  }());
}

} // namespace
} // namespace coroscope
