// run(), the loop, fd readiness and call_soon_threadsafe.
#include <coroscope/blocking.hpp>
#include <coroscope/pool.hpp>
#include <coroscope/run.hpp>
#include <coroscope/scope.hpp>
#include <coroscope/sync.hpp>
#include <coroscope/task_group.hpp>
#include <coroscope/time.hpp>

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace coroscope {
namespace {

using namespace std::chrono_literals;

task<std::string> greet(std::string name) { co_return "hello " + name; }

TEST(Run, ReturnsTheResult) { EXPECT_EQ(run(greet("loop")), "hello loop"); }

TEST(Run, RunsVoidTasks) {
  bool ran = false;
  run([&]() -> task<> {
    ran = true;
    co_return;
  }());
  EXPECT_TRUE(ran);
}

TEST(Run, RethrowsTheException) {
  auto failing = []() -> task<int> {
    co_await sleep_for(1ms);
    throw std::out_of_range("from the loop");
  };
  EXPECT_THROW(run(failing()), std::out_of_range);
}

TEST(Run, InsideTheLoopThrowsLogicError) {
  const std::string message = run([]() -> task<std::string> {
    try {
      run(greet("nested"));
    } catch (const std::logic_error& e) {
      co_return e.what();
    }
    co_return "no error";
  }());
  EXPECT_NE(message.find("event loop is running on this thread"), std::string::npos) << message;
}

TEST(Run, CanRunAgainAfterReturning) {
  EXPECT_EQ(run(greet("one")), "hello one");
  EXPECT_EQ(run(greet("two")), "hello two");
}

TEST(Run, GetRunningLoopOutsideRunThrows) {
  EXPECT_THROW(get_running_loop(), std::logic_error);
  run([]() -> task<> {
    EXPECT_NO_THROW(get_running_loop());
    co_return;
  }());
}

TEST(Run, ResumesReadyTasksInTheOrderTheyBecameReady) {
  // Enough tasks to make the ready queue grow several times mid-flight.
  std::vector<int> order;
  auto yielder = [&](int id) -> task<> {
    co_await sleep_for(0ms);
    order.push_back(id);
  };
  run(with_task_group([&](task_group& group) -> task<> {
    for (int id = 0; id < 1000; ++id) {
      group.spawn(yielder(id));
      if (id % 100 == 0)
        co_await sleep_for(0ms); // interleave, so the queue wraps around
    }
  }));
  ASSERT_EQ(order.size(), 1000u);
  EXPECT_TRUE(std::is_sorted(order.begin(), order.end()));
}

/// A pipe closed on scope exit.
struct pipe_pair {
  pipe_pair() {
    if (::pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0)
      throw std::system_error(errno, std::generic_category(), "pipe2");
  }
  ~pipe_pair() {
    for (int fd : fds)
      if (fd >= 0)
        ::close(fd);
  }
  int reader() const { return fds[0]; }
  int writer() const { return fds[1]; }
  int fds[2] = {-1, -1};
};

std::string read_some(int fd) {
  char buffer[64];
  const ssize_t n = ::read(fd, buffer, sizeof buffer);
  return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
}

// Coroutine lambdas that are spawned are named locals: a temporary lambda
// would die at the end of the spawn() statement while its coroutine still
// runs (C++ Core Guidelines CP.51).

// --- background tasks still pending when the main task ends -----------------

/// Logs its exit: an async scope whose cleanup must run.
struct logged_scope {
  std::vector<std::string>& log;
  task<void> async_enter() { co_return; }
  task<bool> async_exit(std::exception_ptr error) {
    co_await sleep_for(0ms); // a cleanup that waits, as a real one would
    log.push_back(testing::message_of(error) + " reached the cleanup");
    co_return false;
  }
};

TEST(Run, CancelsBackgroundTasksStillPendingAndRunsThemToCompletion) {
  // The lease discarded at the end of main leaves its close to the loop;
  // the close waits inside a scope. As asyncio.run cancels the tasks still
  // pending, run() cancels it and runs it to the end, so the scope's async
  // cleanup runs; left pending, the frame would leak (AddressSanitizer).
  std::vector<std::string> log;
  pool<int> numbers([]() -> task<int> { co_return 7; },
                    [&](int&) -> task<void> {
                      co_await async_with(logged_scope{log}, [] { return testing::sleep_forever(); });
                    });
  run([&]() -> task<> {
    auto lease = co_await numbers.acquire();
    lease.discard();
  }());
  EXPECT_EQ(log, (std::vector<std::string>{"cancelled reached the cleanup"}));
  EXPECT_EQ(numbers.stats(), (pool_stats{}));
}

TEST(Run, ReportsAndDestroysBackgroundTasksThatCanNeverFinish) {
  testing::cleanup_error_capture reported;
  event never;
  pool<int> numbers([]() -> task<int> { co_return 7; },
                    [&](int&) -> task<void> { co_await shield(never.wait()); });
  run([&]() -> task<> {
    auto lease = co_await numbers.acquire();
    lease.discard();
  }());
  ASSERT_EQ(reported.errors().size(), 1u);
  EXPECT_NE(reported.errors()[0].find("1 background task(s)"), std::string::npos)
      << reported.errors()[0];
}

TEST(Run, WaitsForABackgroundTaskWhoseBlockingWorkIsUnderWay) {
  // Nothing is ready, no timer, no fd, while a worker thread runs the
  // close: the loop must still count it as progress, not as a task that
  // can never finish.
  testing::cleanup_error_capture reported;
  std::atomic<bool> closed{false};
  pool<int> numbers([]() -> task<int> { co_return 7; },
                    [&](int&) -> task<void> {
                      auto slow_close = [&closed] {
                        std::this_thread::sleep_for(50ms);
                        closed = true;
                      };
                      co_await shield(run_blocking(slow_close));
                    });
  run([&]() -> task<> {
    auto lease = co_await numbers.acquire();
    lease.discard();
  }());
  EXPECT_TRUE(closed);
  EXPECT_TRUE(reported.errors().empty()) << reported.errors().front();
  EXPECT_EQ(numbers.stats(), (pool_stats{}));
}

TEST(WaitReadable, ResumesWhenDataArrives) {
  pipe_pair pipe;
  std::vector<std::string> events;
  auto reader = [&]() -> task<> {
    co_await wait_readable(pipe.reader());
    events.push_back("read " + read_some(pipe.reader()));
  };
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(reader());
    co_await sleep_for(5ms);
    events.push_back("write");
    EXPECT_EQ(::write(pipe.writer(), "ping", 4), 4);
  }));
  EXPECT_EQ(events, (std::vector<std::string>{"write", "read ping"}));
}

TEST(WaitWritable, ResumesWhenThePipeDrains) {
  pipe_pair pipe;
  std::vector<char> chunk(4096, 'x');
  while (::write(pipe.writer(), chunk.data(), chunk.size()) > 0) {
  }
  ASSERT_EQ(errno, EAGAIN);
  std::vector<std::string> events;
  auto writer = [&]() -> task<> {
    co_await wait_writable(pipe.writer());
    events.push_back("writable");
  };
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(writer());
    co_await sleep_for(5ms);
    events.push_back("drain");
    while (::read(pipe.reader(), chunk.data(), chunk.size()) > 0) {
    }
  }));
  EXPECT_EQ(events, (std::vector<std::string>{"drain", "writable"}));
}

TEST(WaitReadable, OneFdWaitedForInBothDirectionsAtOnce) {
  int ends[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, ends), 0);
  const int socket = ends[0];
  const int peer = ends[1];
  std::vector<std::string> events;
  auto reader = [&]() -> task<> {
    co_await wait_readable(socket);
    events.push_back("readable");
  };
  auto writer = [&]() -> task<> {
    co_await wait_writable(socket);
    events.push_back("writable");
    EXPECT_EQ(::write(peer, "x", 1), 1); // makes `socket` readable
  };
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(reader());
    group.spawn(writer());
    co_return;
  }));
  EXPECT_EQ(events, (std::vector<std::string>{"writable", "readable"}));
  ::close(socket);
  ::close(peer);
}

TEST(WaitReadable, TwoReadersOfOneFdIsALogicError) {
  pipe_pair pipe;
  auto first_reader = [&]() -> task<> { co_await wait_readable(pipe.reader()); };
  run(with_task_group([&](task_group& group) -> task<> {
    group.spawn(first_reader());
    co_await sleep_for(0ms); // let the first reader start waiting
    EXPECT_THROW(co_await wait_readable(pipe.reader()), std::logic_error);
    EXPECT_EQ(::write(pipe.writer(), "x", 1), 1);
  }));
}

TEST(WaitReadable, RegularFileIsASystemError) {
  std::FILE* file = std::tmpfile();
  ASSERT_NE(file, nullptr);
  run([&]() -> task<> {
    EXPECT_THROW(co_await wait_readable(::fileno(file)), std::system_error);
  }());
  std::fclose(file);
}

TEST(WaitReadable, FdMayBeClosedAndReusedBetweenWaits) {
  run([]() -> task<> {
    for (int round = 0; round < 3; ++round) {
      pipe_pair pipe; // the same fd numbers each round, once the last was closed
      EXPECT_EQ(::write(pipe.writer(), "x", 1), 1);
      co_await wait_readable(pipe.reader());
      EXPECT_EQ(read_some(pipe.reader()), "x");
    }
  }());
}

TEST(WaitReadable, CancellationWakesItAtOnce) {
  pipe_pair pipe;
  bool cancelled_seen = false;
  auto reader = [&]() -> task<> {
    try {
      co_await wait_readable(pipe.reader()); // nobody ever writes
    } catch (const cancelled&) {
      cancelled_seen = true;
      throw;
    }
  };
  const auto start = std::chrono::steady_clock::now();
  run([&]() -> task<> {
    co_await with_task_group([&](task_group& group) -> task<> {
      group.spawn(reader());
      co_await sleep_for(1ms);
      group.cancel();
    });
    // The cancelled wait left nothing behind: waiting again is no second reader.
    EXPECT_EQ(::write(pipe.writer(), "x", 1), 1);
    co_await wait_readable(pipe.reader());
  }());
  EXPECT_TRUE(cancelled_seen);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 20s);
}

// call_soon_threadsafe: the `threaded` label (see CMakeLists.txt).

TEST(CallSoonThreadsafe, WakesASleepingLoop) {
  std::thread poster;
  const auto start = std::chrono::steady_clock::now();
  run([&]() -> task<> {
    event_loop& loop = get_running_loop();
    event posted;
    poster = std::thread([&loop, &posted] { loop.call_soon_threadsafe([&posted] { posted.set(); }); });
    // The loop has nothing else to do and sleeps in epoll for up to the 30 s
    // of the timeout: only the eventfd can wake it early.
    co_await timeout(30s, posted.wait());
  }());
  poster.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 20s);
}

TEST(CallSoonThreadsafe, RunsEveryCallbackOnTheLoopThread) {
  constexpr int threads = 4;
  constexpr int posts_per_thread = 10'000;
  std::vector<std::thread> posters;
  int ran = 0; // touched on the loop thread only
  bool all_on_loop_thread = true;
  run([&]() -> task<> {
    event_loop& loop = get_running_loop();
    const std::thread::id loop_thread = std::this_thread::get_id();
    event done;
    for (int t = 0; t < threads; ++t)
      posters.emplace_back([&] {
        for (int i = 0; i < posts_per_thread; ++i)
          loop.call_soon_threadsafe([&] {
            all_on_loop_thread = all_on_loop_thread && std::this_thread::get_id() == loop_thread;
            if (++ran == threads * posts_per_thread)
              done.set();
          });
      });
    co_await done.wait();
  }());
  for (std::thread& poster : posters)
    poster.join();
  EXPECT_EQ(ran, threads * posts_per_thread);
  EXPECT_TRUE(all_on_loop_thread);
}

} // namespace
} // namespace coroscope
