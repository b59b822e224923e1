// task<T>: lazy, single-use, exceptions propagate, symmetric transfer, and
// the "never awaited" report.
#include <coroscope/run.hpp>
#include <coroscope/task.hpp>
#include <coroscope/time.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

namespace coroscope {
namespace {

using namespace std::chrono_literals;

task<int> answer() { co_return 42; }

task<int> add_one(task<int> inner) { co_return co_await std::move(inner) + 1; }

TEST(Task, BodyRunsOnlyWhenAwaited) {
  bool ran = false;
  auto body = [&]() -> task<> {
    ran = true;
    co_return;
  };
  run([&]() -> task<> {
    task<> lazy = body();
    EXPECT_FALSE(ran);
    co_await lazy;
    EXPECT_TRUE(ran);
  }());
  EXPECT_TRUE(ran);
}

TEST(Task, GivesItsValue) { EXPECT_EQ(run(add_one(answer())), 43); }

TEST(Task, GivesMoveOnlyValues) {
  auto make = []() -> task<std::unique_ptr<int>> { co_return std::make_unique<int>(7); };
  std::unique_ptr<int> value = run(make());
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(*value, 7);
}

TEST(Task, GivesReferencesToTheSameObject) {
  int target = 1;
  auto refer = [](int& to) -> task<int&> { co_return to; };
  run([&]() -> task<> {
    int& got = co_await refer(target);
    got = 2;
  }());
  EXPECT_EQ(target, 2);
}

struct custom_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

task<int> fail_now() {
  throw custom_error("failed synchronously");
  co_return 0;
}

task<int> fail_later() {
  co_await sleep_for(1ms);
  throw custom_error("failed after a suspension");
}

TEST(Task, ExceptionsPropagateToTheAwaiter) {
  run([]() -> task<> {
    EXPECT_THROW(co_await fail_now(), custom_error);
    EXPECT_THROW(co_await add_one(fail_later()), custom_error);
  }());
}

// A stack address at the point of the call: coroutine locals live in frames,
// so only a real function shows how deep the machine stack is.
[[gnu::noinline]] std::uintptr_t stack_depth_marker() {
  return reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
}

task<std::uintptr_t> ready_leaf() { co_return stack_depth_marker(); }

TEST(Task, MillionSynchronousAwaitsDoNotGrowTheStack) {
  auto [first, last] = run([]() -> task<std::pair<std::uintptr_t, std::uintptr_t>> {
    const std::uintptr_t first = co_await ready_leaf();
    std::uintptr_t last = first;
    for (int i = 1; i < 1'000'000; ++i)
      last = co_await ready_leaf();
    co_return std::pair(first, last);
  }());
  // Without symmetric transfer (or its inline equivalent) each await would
  // leave a frame behind: ~100 MB of stack, a crash long before the end.
  EXPECT_EQ(first, last);
}

TEST(Task, AwaitingTwiceThrowsLogicError) {
  const std::string message = run([]() -> task<std::string> {
    task<int> once = answer();
    EXPECT_EQ(co_await once, 42);
    try {
      co_await once;
    } catch (const std::logic_error& e) {
      co_return e.what();
    }
    co_return "no error";
  }());
  EXPECT_NE(message.find("awaited twice"), std::string::npos) << message;
  EXPECT_NE(message.find("task_test.cpp"), std::string::npos) << message;
}

TEST(Task, AwaitingAMovedFromTaskThrowsLogicError) {
  run([]() -> task<> {
    task<int> original = answer();
    task<int> moved = std::move(original);
    EXPECT_THROW(co_await original, std::logic_error); // NOLINT(bugprone-use-after-move)
    EXPECT_EQ(co_await moved, 42);
  }());
}

/// Counts live instances: a parameter copied into a coroutine frame dies
/// with the frame.
struct frame_probe {
  static inline int alive = 0;
  frame_probe() { ++alive; }
  frame_probe(const frame_probe&) { ++alive; }
  ~frame_probe() { --alive; }
};

constexpr unsigned defined_after = __LINE__;
task<> never_awaited_coroutine(frame_probe) {
  co_return;
}
constexpr unsigned defined_before = __LINE__;

TEST(Task, NeverAwaitedTaskIsReportedAndItsFrameFreed) {
  testing::unawaited_capture capture;
  {
    // NOLINTNEXTLINE(coroscope-unawaited-awaitable): the mistake under test
    task<> forgotten = never_awaited_coroutine(frame_probe());
    EXPECT_EQ(frame_probe::alive, 1);
  }
  EXPECT_EQ(frame_probe::alive, 0);
  ASSERT_EQ(capture.reports().size(), 1u);
  const std::source_location& created = capture.reports()[0];
  EXPECT_TRUE(std::string(created.file_name()).ends_with("task_test.cpp")) << created.file_name();
  // FILE:LINE is the coroutine's definition: clang names the line of its
  // name, g++ the line of the closing brace.
  EXPECT_GT(created.line(), defined_after);
  EXPECT_LT(created.line(), defined_before);
  EXPECT_NE(std::string(created.function_name()).find("never_awaited_coroutine"),
            std::string::npos);
}

TEST(Task, StartedTasksAreNotReported) {
  testing::unawaited_capture capture;
  run([]() -> task<> {
    task<int> awaited = answer();
    co_await awaited;
  }());
  EXPECT_TRUE(capture.reports().empty());
}

TEST(Task, ReportingCanBeSwitchedOff) {
  testing::unawaited_capture capture;
  const unawaited_task_handler recording = set_unawaited_task_handler(nullptr);
  {
    // NOLINTNEXTLINE(coroscope-unawaited-awaitable): the mistake under test
    task<> forgotten = never_awaited_coroutine(frame_probe());
  }
  set_unawaited_task_handler(recording);
  EXPECT_TRUE(capture.reports().empty());
  EXPECT_EQ(frame_probe::alive, 0);
}

TEST(Task, ReportingIsOnByDefaultInDebugBuilds) {
#ifdef NDEBUG
  EXPECT_EQ(get_unawaited_task_handler(), nullptr);
#else
  EXPECT_EQ(get_unawaited_task_handler(), &default_unawaited_task_handler);
#endif
}

TEST(Task, DefaultReportNamesTheTask) {
  const unawaited_task_handler previous = set_unawaited_task_handler(&default_unawaited_task_handler);
  ::testing::internal::CaptureStderr();
  {
    // NOLINTNEXTLINE(coroscope-unawaited-awaitable): the mistake under test
    task<> forgotten = never_awaited_coroutine(frame_probe());
  }
  const std::string printed = ::testing::internal::GetCapturedStderr();
  set_unawaited_task_handler(previous);
  EXPECT_NE(printed.find("coroscope: task created at "), std::string::npos) << printed;
  EXPECT_NE(printed.find("task_test.cpp:"), std::string::npos) << printed;
  EXPECT_NE(printed.find(" was never awaited"), std::string::npos) << printed;
}

TEST(Task, MoveAssignmentDestroysTheOldFrame) {
  testing::unawaited_capture capture;
  task<> target = never_awaited_coroutine(frame_probe());
  target = never_awaited_coroutine(frame_probe());
  EXPECT_EQ(frame_probe::alive, 1);
  EXPECT_EQ(capture.reports().size(), 1u);
  run(std::move(target));
  EXPECT_EQ(frame_probe::alive, 0);
}

} // namespace
} // namespace coroscope
