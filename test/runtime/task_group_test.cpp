// with_task_group / task_group and when_all: structured concurrency.
#include <coroscope/run.hpp>
#include <coroscope/sync.hpp>
#include <coroscope/task_group.hpp>
#include <coroscope/time.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ranges>
#include <stdexcept>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

namespace coroscope {
namespace {

using namespace std::chrono_literals;
using testing::cleanup_error_capture;

struct child_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

TEST(TaskGroup, ChildrenRunConcurrentlyAndTheScopeWaitsForAll) {
  std::string trace;
  auto worker = [&](char name, int steps) -> task<> {
    for (int i = 0; i < steps; ++i) {
      trace += name;
      co_await sleep_for(0ms);
    }
  };
  run([&]() -> task<> {
    co_await with_task_group([&](task_group& group) -> task<> {
      group.spawn(worker('a', 2));
      group.spawn(worker('b', 3));
      co_return; // the body ends before the children do
    });
    trace += '|';
  }());
  EXPECT_EQ(trace, "ababb|");
}

TEST(TaskGroup, GivesTheBodysResult) {
  EXPECT_EQ(run(with_task_group([](task_group&) -> task<int> { co_return 5; })), 5);
}

TEST(TaskGroup, FirstChildErrorCancelsTheOthersAndIsRethrown) {
  cleanup_error_capture errors;
  std::vector<std::string> trace;
  auto failing = [&]() -> task<> {
    co_await sleep_for(1ms);
    throw child_error("first");
  };
  auto sleeper = [&]() -> task<> {
    try {
      co_await sleep_for(1h);
    } catch (const cancelled&) {
      trace.push_back("sibling cancelled");
      throw;
    }
  };
  run([&]() -> task<> {
    try {
      co_await with_task_group([&](task_group& group) -> task<> {
        group.spawn(sleeper());
        group.spawn(failing());
        co_return;
      });
    } catch (const child_error& e) {
      trace.push_back(std::string("caught ") + e.what());
    }
  }());
  EXPECT_EQ(trace, (std::vector<std::string>{"sibling cancelled", "caught first"}));
  EXPECT_TRUE(errors.errors().empty()); // a cancelled sibling is no error
}

TEST(TaskGroup, LaterErrorsGoToTheCleanupErrorHandler) {
  cleanup_error_capture errors;
  auto fail_after = [](int ms, std::string what) -> task<> {
    co_await sleep_for(std::chrono::milliseconds(ms));
    throw child_error(what);
  };
  // A child that fails while it is being cancelled: its error is later.
  auto fail_on_cancel = []() -> task<> {
    std::exception_ptr cancellation;
    try {
      co_await sleep_for(1h);
    } catch (...) {
      cancellation = std::current_exception();
    }
    throw child_error("second");
  };
  std::string caught;
  run([&]() -> task<> {
    try {
      co_await with_task_group([&](task_group& group) -> task<> {
        group.spawn(fail_on_cancel());
        group.spawn(fail_after(1, "first"));
        co_return;
      });
    } catch (const child_error& e) {
      caught = e.what();
    }
  }());
  EXPECT_EQ(caught, "first");
  EXPECT_EQ(errors.errors(), (std::vector<std::string>{"second"}));
}

TEST(TaskGroup, BodyErrorCancelsTheChildrenAndIsRethrown) {
  bool child_cancelled = false;
  auto sleeper = [&]() -> task<> {
    try {
      co_await sleep_for(1h);
    } catch (const cancelled&) {
      child_cancelled = true;
      throw;
    }
  };
  run([&]() -> task<> {
    EXPECT_THROW(co_await with_task_group([&](task_group& group) -> task<> {
                   group.spawn(sleeper());
                   co_await sleep_for(1ms);
                   throw std::invalid_argument("body failed");
                 }),
                 std::invalid_argument);
  }());
  EXPECT_TRUE(child_cancelled);
}

TEST(TaskGroup, ChildErrorCancelsTheBody) {
  bool body_cancelled = false;
  auto failing = []() -> task<> {
    co_await sleep_for(1ms);
    throw child_error("child failed");
  };
  run([&]() -> task<> {
    EXPECT_THROW(co_await with_task_group([&](task_group& group) -> task<> {
                   group.spawn(failing());
                   try {
                     co_await sleep_for(1h);
                   } catch (const cancelled&) {
                     body_cancelled = true;
                     throw;
                   }
                 }),
                 child_error);
  }());
  EXPECT_TRUE(body_cancelled);
}

TEST(TaskGroup, OuterCancellationWaitsForTheChildrensCleanup) {
  std::vector<std::string> trace;
  auto careful_child = [&]() -> task<> {
    std::exception_ptr error;
    try {
      co_await sleep_for(1h);
    } catch (...) {
      error = std::current_exception();
    }
    co_await shield(sleep_for(5ms));
    trace.push_back("child cleaned up");
    std::rethrow_exception(error);
  };
  auto inner_scope = [&]() -> task<> {
    try {
      co_await with_task_group([&](task_group& group) -> task<> {
        group.spawn(careful_child());
        co_await sleep_for(1h);
      });
    } catch (const cancelled&) {
      trace.push_back("scope cancelled");
      throw;
    }
  };
  run(with_task_group([&](task_group& outer) -> task<> {
    outer.spawn(inner_scope());
    co_await sleep_for(1ms);
    outer.cancel();
  }));
  EXPECT_EQ(trace, (std::vector<std::string>{"child cleaned up", "scope cancelled"}));
}

TEST(TaskGroup, CancelStopsTheChildrenButNotTheBody) {
  auto sleeper = [&]() -> task<> { co_await sleep_for(1h); };
  const int result = run(with_task_group([&](task_group& group) -> task<int> {
    group.spawn(sleeper());
    group.spawn(sleeper());
    co_await sleep_for(1ms);
    group.cancel();
    co_await sleep_for(1ms); // the body goes on
    co_return 3;
  }));
  EXPECT_EQ(result, 3);
}

TEST(TaskGroup, BodyThatThrowsBeforeReturningItsTaskStillWaitsForChildren) {
  // The body is a plain function (not a coroutine) that spawns, then fails
  // before it can return a task.
  bool child_finished = false;
  auto child = [&]() -> task<> {
    co_await shield(sleep_for(1ms));
    child_finished = true;
  };
  auto never = []() -> task<> { co_return; };
  run([&]() -> task<> {
    EXPECT_THROW(co_await with_task_group([&](task_group& group) -> task<> {
                   group.spawn(child());
                   throw std::invalid_argument("before the body's task exists");
                   return never();
                 }),
                 std::invalid_argument);
  }());
  EXPECT_TRUE(child_finished);
}

TEST(TaskGroup, SpawnRefusesAnAwaitedTask) {
  auto quick = []() -> task<> { co_return; };
  run(with_task_group([&](task_group& group) -> task<> {
    task<> used = quick();
    co_await used;
    EXPECT_THROW(group.spawn(std::move(used)), std::logic_error);
  }));
}

TEST(TaskGroup, ChildrenCanSpawnSiblingsThatTheScopeAlsoAwaits) {
  std::vector<int> finished;
  std::function<task<>(task_group&, int)> spawner = [&](task_group& group, int depth) -> task<> {
    co_await sleep_for(0ms);
    if (depth < 3)
      group.spawn(spawner(group, depth + 1));
    finished.push_back(depth);
  };
  run([&]() -> task<> {
    co_await with_task_group([&](task_group& group) -> task<> {
      group.spawn(spawner(group, 0));
      co_return;
    });
    EXPECT_EQ(finished.size(), 4u);
  }());
  EXPECT_EQ(finished, (std::vector<int>{0, 1, 2, 3}));
}

TEST(TaskGroup, TenThousandChildren) {
  int done = 0;
  auto child = [&]() -> task<> {
    co_await sleep_for(0ms);
    ++done;
  };
  run(with_task_group([&](task_group& group) -> task<> {
    for (int i = 0; i < 10'000; ++i)
      group.spawn(child());
    co_return;
  }));
  EXPECT_EQ(done, 10'000);
}

task<int> value_after(int value, std::chrono::milliseconds delay) {
  co_await sleep_for(delay);
  co_return value;
}

TEST(WhenAll, GivesATupleInArgumentOrder) {
  auto nothing = []() -> task<> { co_await sleep_for(1ms); };
  int target = 0;
  auto refer = [&]() -> task<int&> { co_return target; };
  auto [a, b, none, ref] = run([&]() -> task<std::tuple<int, int, std::monostate, int&>> {
    co_return co_await when_all(value_after(1, 3ms), value_after(2, 1ms), nothing(), refer());
  }());
  EXPECT_EQ(a, 1);
  EXPECT_EQ(b, 2);
  EXPECT_EQ(none, std::monostate());
  EXPECT_EQ(&ref, &target);
}

TEST(WhenAll, RunsTheTasksConcurrently) {
  // Each task waits for the next one's event: only concurrent tasks finish.
  event first, second;
  auto one = [&]() -> task<int> {
    first.set();
    co_await second.wait();
    co_return 1;
  };
  auto two = [&]() -> task<int> {
    co_await first.wait();
    second.set();
    co_return 2;
  };
  auto [x, y] = run([&]() -> task<std::tuple<int, int>> { co_return co_await when_all(one(), two()); }());
  EXPECT_EQ(x + y, 3);
}

TEST(WhenAll, GivesAVectorInRangeOrder) {
  const std::vector<int> values = run([]() -> task<std::vector<int>> {
    std::vector<task<int>> work;
    for (int i = 0; i < 5; ++i)
      work.push_back(value_after(i, std::chrono::milliseconds(5 - i)));
    co_return co_await when_all(std::move(work));
  }());
  EXPECT_EQ(values, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(WhenAll, AcceptsAViewAndVoidTasks) {
  int ran = 0;
  // Captureless: the view's copy of a capturing coroutine lambda would die
  // with the view, before the tasks run.
  auto count = [](int& counter) -> task<> {
    ++counter;
    co_return;
  };
  run([&]() -> task<> {
    co_await when_all(std::views::iota(0, 4) |
                      std::views::transform([&](int) { return count(ran); }));
    co_await when_all(std::vector<task<>>());
  }());
  EXPECT_EQ(ran, 4);
}

TEST(WhenAll, FirstErrorCancelsTheOthersAndIsRethrown) {
  bool other_cancelled = false;
  auto failing = []() -> task<int> {
    co_await sleep_for(1ms);
    throw child_error("failed");
  };
  auto slow = [&]() -> task<int> {
    try {
      co_await sleep_for(1h);
    } catch (const cancelled&) {
      other_cancelled = true;
      throw;
    }
    co_return 0;
  };
  run([&]() -> task<> { EXPECT_THROW(co_await when_all(slow(), failing()), child_error); }());
  EXPECT_TRUE(other_cancelled);
}

TEST(WhenAll, MoveOnlyResults) {
  auto make = [](int v) -> task<std::unique_ptr<int>> { co_return std::make_unique<int>(v); };
  auto [p, q] = run([&]() -> task<std::tuple<std::unique_ptr<int>, std::unique_ptr<int>>> {
    co_return co_await when_all(make(1), make(2));
  }());
  EXPECT_EQ(*p + *q, 3);
}

} // namespace
} // namespace coroscope
