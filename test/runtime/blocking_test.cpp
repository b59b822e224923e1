// run_blocking: the work runs on a worker, the task resumes on the loop
// thread, and cancellation does not wait for the worker. Label `threaded`.
//
// Synchronization with workers uses latches and futures, never sleeps: a
// worker that blocks on a std::future until the loop releases it proves the
// loop kept running meanwhile.
//
// Lambdas that capture by value are named before the co_await: g++ 12
// destroys the captures of a lambda created inside a co_await expression
// twice (see "Compiler notes" in docs/runtime.md).
#include <coroscope/blocking.hpp>
#include <coroscope/run.hpp>
#include <coroscope/task_group.hpp>
#include <coroscope/time.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <latch>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace coroscope {
namespace {

using namespace std::chrono_literals;

TEST(RunBlocking, RunsOnAWorkerAndResumesOnTheLoopThread) {
  const std::thread::id test_thread = std::this_thread::get_id();
  std::thread::id worker_thread;
  std::thread::id resumed_on;
  const int result = run([&]() -> task<int> {
    const int value = co_await run_blocking([&] {
      worker_thread = std::this_thread::get_id();
      return 6 * 7;
    });
    resumed_on = std::this_thread::get_id();
    co_return value;
  }());
  EXPECT_EQ(result, 42);
  EXPECT_NE(worker_thread, test_thread);
  EXPECT_EQ(resumed_on, test_thread);
}

TEST(RunBlocking, RethrowsTheWorkersException) {
  run([]() -> task<> {
    EXPECT_THROW(co_await run_blocking([] { throw std::range_error("on the worker"); }),
                 std::range_error);
  }());
}

TEST(RunBlocking, MoveOnlyWorkAndResult) {
  auto value = run([]() -> task<std::unique_ptr<int>> {
    auto input = std::make_unique<int>(20);
    auto work = [owned = std::move(input)] { return std::make_unique<int>(*owned + 1); };
    co_return co_await run_blocking(std::move(work));
  }());
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(*value, 21);
}

TEST(RunBlocking, TheLoopKeepsRunningWhileTheWorkerBlocks) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  int ticks = 0;
  auto blocked = [&]() -> task<> {
    auto wait_for_release = [released] { released.wait(); };
    co_await run_blocking(std::move(wait_for_release));
  };
  auto ticker = [&]() -> task<> {
    for (; ticks < 10; ++ticks)
      co_await sleep_for(0ms);
    release.set_value(); // only reached if the loop ran during the wait
  };
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(blocked());
    group.spawn(ticker());
    co_return;
  }));
  EXPECT_EQ(ticks, 10);
}

TEST(RunBlocking, WorkRunsInParallel) {
  // Four jobs that each wait for all four: they finish only if four workers
  // run them at once.
  std::latch all_started(4);
  auto job = [&]() -> task<> {
    co_await run_blocking([&all_started] { all_started.arrive_and_wait(); });
  };
  run([&]() -> task<> { co_await when_all(job(), job(), job(), job()); }());
}

TEST(RunBlocking, CancellationResumesTheTaskBeforeTheWorkerFinishes) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  auto worker_started = std::make_shared<std::atomic<bool>>(false);
  auto worker_done = std::make_shared<std::atomic<bool>>(false);
  bool worker_done_when_cancelled = true;
  run([&]() -> task<> {
    auto slow = [released, worker_started, worker_done] {
      worker_started->store(true);
      released.wait();
      worker_done->store(true);
      return 1;
    };
    try {
      co_await timeout(50ms, run_blocking(std::move(slow)));
    } catch (const timeout_error&) {
      worker_done_when_cancelled = worker_done->load();
    }
    release.set_value(); // now let the worker finish in the background
  }());
  EXPECT_FALSE(worker_done_when_cancelled);
  // A loaded machine may not have started the job within the timeout; then
  // it is dropped (see CancelledWorkThatHasNotStartedNeverRuns). Once
  // started, run() waits for it before returning.
  EXPECT_EQ(worker_done->load(), worker_started->load());
}

/// Python's default executor size, which the loop's pool uses.
unsigned pool_size() { return std::min(32u, std::thread::hardware_concurrency() + 4); }

TEST(RunBlocking, CancelledWorkThatHasNotStartedNeverRuns) {
  // Keep every worker busy, queue one more job, cancel it, then free the
  // workers: the queued job must be dropped, not run.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::latch all_busy(pool_size());
  auto queued_ran = std::make_shared<std::atomic<bool>>(false);
  auto busy = [&]() -> task<> {
    auto occupy = [released, &all_busy] {
      all_busy.count_down();
      released.wait();
    };
    co_await run_blocking(std::move(occupy));
  };
  auto queued = [&]() -> task<> {
    while (!all_busy.try_wait())
      co_await sleep_for(1ms);
    auto record = [queued_ran] { queued_ran->store(true); };
    try {
      co_await timeout(1ms, run_blocking(std::move(record)));
    } catch (const timeout_error&) {
    }
    release.set_value();
  };
  run([&]() -> task<> {
    std::vector<task<>> work;
    for (unsigned i = 0; i < pool_size(); ++i)
      work.push_back(busy());
    work.push_back(queued());
    co_await when_all(std::move(work));
  }());
  EXPECT_FALSE(queued_ran->load());
}

TEST(RunBlocking, AlreadyCancelledTaskDoesNotStartTheWork) {
  auto ran = std::make_shared<std::atomic<bool>>(false);
  auto late = [&]() -> task<> {
    auto record = [ran] { ran->store(true); };
    co_await run_blocking(std::move(record));
  };
  run(with_task_group([&](task_group& group) -> task<> {
    group.cancel();
    group.spawn(late());
    co_return;
  }));
  EXPECT_FALSE(ran->load());
}

} // namespace
} // namespace coroscope
