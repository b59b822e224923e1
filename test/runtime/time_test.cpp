// sleep_for / sleep_until, timeout / timeout_at. No test asserts that
// something happened quickly except with bounds hundreds of times too wide
// to flake; ordering is asserted instead of durations.
#include <coroscope/run.hpp>
#include <coroscope/sync.hpp>
#include <coroscope/task_group.hpp>
#include <coroscope/time.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace coroscope {
namespace {

using namespace std::chrono_literals;
using std::chrono::steady_clock;

TEST(SleepFor, WaitsAtLeastTheDelay) {
  const auto start = steady_clock::now();
  run([]() -> task<> { co_await sleep_for(20ms); }());
  EXPECT_GE(steady_clock::now() - start, 20ms);
}

TEST(SleepFor, TimersFireInDeadlineOrder) {
  std::vector<int> woke;
  auto sleeper = [&](int ms) -> task<> {
    co_await sleep_for(std::chrono::milliseconds(ms));
    woke.push_back(ms);
  };
  run(with_task_group([&](task_group& group) -> task<> {
    for (int ms : {30, 10, 20, 0, 15})
      group.spawn(sleeper(ms));
    co_return;
  }));
  EXPECT_EQ(woke, (std::vector<int>{0, 10, 15, 20, 30}));
}

TEST(SleepUntil, EqualDeadlinesFireInArrivalOrder) {
  std::vector<int> woke;
  const auto deadline = steady_clock::now() + 10ms;
  auto sleeper = [&](int id) -> task<> {
    co_await sleep_until(deadline);
    woke.push_back(id);
  };
  run(with_task_group([&](task_group& group) -> task<> {
    for (int id = 0; id < 5; ++id)
      group.spawn(sleeper(id));
    co_return;
  }));
  EXPECT_EQ(woke, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(SleepUntil, PastDeadlineYields) {
  std::vector<std::string> order;
  auto other = [&]() -> task<> {
    order.push_back("other");
    co_return;
  };
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(other());
    co_await sleep_until(steady_clock::now() - 1h);
    order.push_back("body");
  }));
  EXPECT_EQ(order, (std::vector<std::string>{"other", "body"}));
}

TEST(SleepFor, ZeroYieldsToTheOtherTasksInTurn) {
  std::string trace;
  auto worker = [&](char name) -> task<> {
    for (int i = 0; i < 3; ++i) {
      trace += name;
      co_await sleep_for(0ms);
    }
  };
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(worker('a'));
    group.spawn(worker('b'));
    co_return;
  }));
  EXPECT_EQ(trace, "ababab");
}

TEST(SleepFor, CancellationWakesItAtOnce) {
  bool cancelled_seen = false;
  auto sleeper = [&]() -> task<> {
    try {
      co_await sleep_for(1h);
    } catch (const cancelled&) {
      cancelled_seen = true;
      throw;
    }
  };
  const auto start = steady_clock::now();
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(sleeper());
    co_await sleep_for(1ms);
    group.cancel();
  }));
  EXPECT_TRUE(cancelled_seen);
  EXPECT_LT(steady_clock::now() - start, 20min); // i.e. not the hour
}

TEST(SleepFor, HugeDelaysSaturateInsteadOfOverflowing) {
  auto forever = []() -> task<> { co_await sleep_for(std::chrono::hours::max()); };
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(forever());
    co_await sleep_for(1ms); // the loop computes its epoll timeout from it
    group.cancel();
  }));
}

task<int> slow_answer(std::chrono::milliseconds delay) {
  co_await sleep_for(delay);
  co_return 42;
}

TEST(Timeout, GivesTheResultInTime) {
  EXPECT_EQ(run([]() -> task<int> { co_return co_await timeout(1h, slow_answer(1ms)); }()), 42);
}

TEST(Timeout, ThrowsTimeoutErrorAfterCancellingTheWork) {
  bool inner_cancelled = false;
  auto slow = [&]() -> task<int> {
    try {
      co_await sleep_for(1h);
    } catch (const cancelled&) {
      inner_cancelled = true;
      throw;
    }
    co_return 0;
  };
  run([&]() -> task<> { EXPECT_THROW(co_await timeout(5ms, slow()), timeout_error); }());
  EXPECT_TRUE(inner_cancelled);
}

TEST(Timeout, TimeoutErrorIsAnOrdinaryException) {
  static_assert(std::is_base_of_v<std::exception, timeout_error>);
  static_assert(!std::is_base_of_v<cancelled, timeout_error>);
}

TEST(Timeout, OutsideCancellationStaysCancelled) {
  std::string outcome;
  auto guarded = [&]() -> task<> {
    try {
      co_await timeout(1h, sleep_for(1h));
      outcome = "finished";
    } catch (const timeout_error&) {
      outcome = "timeout_error";
    } catch (const cancelled&) {
      outcome = "cancelled";
      throw;
    }
  };
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(guarded());
    co_await sleep_for(1ms);
    group.cancel();
  }));
  EXPECT_EQ(outcome, "cancelled");
}

TEST(Timeout, WorkThatFinishesDespiteTheCancellationKeepsItsResult) {
  // asyncio.timeout only raises TimeoutError when the block ends in the
  // cancellation it caused.
  auto stubborn = []() -> task<int> {
    try {
      co_await sleep_for(1h);
    } catch (const cancelled&) { // NOLINT: deliberately swallowed, see above
    }
    co_return 7;
  };
  EXPECT_EQ(run([&]() -> task<int> { co_return co_await timeout(1ms, stubborn()); }()), 7);
}

TEST(Timeout, ItsTimerIsGoneOnceItReturns) {
  // A timer left behind would fire into a destroyed scope (AddressSanitizer)
  // or cancel the sleep that follows.
  run([]() -> task<> {
    EXPECT_EQ(co_await timeout(5ms, slow_answer(0ms)), 42);
    co_await sleep_for(20ms);
  }());
}

TEST(Timeout, InnerShorterTimeoutIsTheInnerOnesError) {
  const std::string result = run([]() -> task<std::string> {
    auto inner = []() -> task<std::string> {
      try {
        co_await timeout(1ms, sleep_for(1h));
      } catch (const timeout_error&) {
        co_return "inner timed out";
      }
      co_return "inner finished";
    };
    co_return co_await timeout(1h, inner());
  }());
  EXPECT_EQ(result, "inner timed out");
}

TEST(Timeout, OuterShorterTimeoutLooksLikeCancellationInside) {
  std::string inner_saw;
  auto inner = [&]() -> task<> {
    try {
      co_await timeout(1h, sleep_for(1h));
    } catch (const timeout_error&) {
      inner_saw = "timeout_error";
    } catch (const cancelled&) {
      inner_saw = "cancelled";
      throw;
    }
  };
  run([&]() -> task<> { EXPECT_THROW(co_await timeout(5ms, inner()), timeout_error); }());
  EXPECT_EQ(inner_saw, "cancelled");
}

TEST(Timeout, AcceptsAnyAwaitable) {
  run([]() -> task<> {
    event never;
    EXPECT_THROW(co_await timeout(1ms, never.wait()), timeout_error);
    event ready;
    ready.set();
    co_await timeout(1h, ready.wait());
  }());
}

TEST(TimeoutAt, UsesAnAbsoluteDeadline) {
  run([]() -> task<> {
    EXPECT_THROW(co_await timeout_at(steady_clock::now() + 2ms, sleep_for(1h)), timeout_error);
    EXPECT_EQ(co_await timeout_at(steady_clock::now() + 1h, slow_answer(1ms)), 42);
  }());
}

TEST(Timeout, ZeroDelayStillStartsTheWork) {
  // As asyncio.timeout(0): the work runs until its first suspension.
  bool started = false;
  auto work = [&]() -> task<> {
    started = true;
    co_await sleep_for(1h);
  };
  run([&]() -> task<> { EXPECT_THROW(co_await timeout(0ms, work()), timeout_error); }());
  EXPECT_TRUE(started);
}

TEST(Timeout, IsSingleUse) {
  // Awaited again, it would resume a coroutine that has already finished.
  run([]() -> task<> {
    auto answer = []() -> task<int> { co_return 42; };
    auto bounded = timeout(1s, answer());
    EXPECT_EQ(co_await bounded, 42);
    try {
      co_await bounded;
      ADD_FAILURE() << "awaited twice without an error";
    } catch (const std::logic_error& e) {
      EXPECT_NE(std::string(e.what()).find("coroscope::timeout awaited twice"), std::string::npos)
          << e.what();
    }
    auto at_deadline = timeout_at(steady_clock::now() + 1s, answer());
    EXPECT_EQ(co_await at_deadline, 42);
    EXPECT_THROW(co_await at_deadline, std::logic_error);
  }());
}

TEST(Timeout, AMovedFromTimeoutCannotBeAwaited) {
  run([]() -> task<> {
    auto answer = []() -> task<int> { co_return 42; };
    auto bounded = timeout(1s, answer());
    auto moved = std::move(bounded);
    EXPECT_THROW(co_await bounded, std::logic_error);
    EXPECT_EQ(co_await moved, 42);
  }());
}

} // namespace
} // namespace coroscope
