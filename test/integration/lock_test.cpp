// redis::lock against a real redis-server: mutual exclusion across
// connections, expiry that never lets an old holder delete a new holder's
// lock, acquire timeouts, and release on error and cancellation.
#include <coroscope/redis.hpp>
#include <coroscope/run.hpp>
#include <coroscope/scope.hpp>
#include <coroscope/sync.hpp>
#include <coroscope/task_group.hpp>
#include <coroscope/time.hpp>

#include "servers.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace coroscope {
namespace {

using namespace std::chrono_literals;
using testing::servers;

constexpr int workers = 6;
constexpr int increments = 10;

/// Read, wait, write back: an update that loses others' writes unless
/// something excludes them.
task<void> slow_increment(redis::client& redis) {
  const long long value = std::stoll((co_await redis.command("GET", "counter")).text());
  co_await sleep_for(2ms);
  co_await redis.command("SET", "counter", value + 1);
}

/// Each worker has a connection of its own, as separate processes would.
task<long long> count_with(bool locked) {
  redis::client setup = co_await redis::connect(servers::get().redis_options());
  co_await setup.command("SET", "counter", 0);
  co_await setup.command("DEL", "lock:counter");
  auto worker = [&]() -> task<> {
    redis::client redis = co_await redis::connect(servers::get().redis_options());
    for (int i = 0; i < increments; ++i) {
      if (locked)
        co_await async_with(redis::lock(redis, "lock:counter", 5s),
                            [&](redis::lock&) { return slow_increment(redis); });
      else
        co_await slow_increment(redis);
    }
  };
  co_await with_task_group([&](task_group& group) -> task<> {
    for (int w = 0; w < workers; ++w)
      group.spawn(worker());
    co_return;
  });
  co_return std::stoll((co_await setup.command("GET", "counter")).text());
}

TEST(RedisLock, NoUpdateIsLostUnderTheLock) {
  EXPECT_EQ(run(count_with(true)), workers * increments);
}

TEST(RedisLock, WithoutTheLockUpdatesAreLost) {
  // The control: the same workload loses updates when nothing excludes, so
  // the test above proves the lock and not the workload.
  EXPECT_LT(run(count_with(false)), workers * increments);
}

TEST(RedisLock, AnExpiredLockIsNotDeletedByItsOldHolder) {
  std::string old_holder_error;
  std::string owner_after_old_release;
  std::string owner_after_new_release = "(not read)";
  run([&]() -> task<> {
    redis::client a = co_await redis::connect(servers::get().redis_options());
    redis::client b = co_await redis::connect(servers::get().redis_options());
    co_await a.command("DEL", "lock:expiry");
    event b_holds_it;
    event a_released;
    redis::lock first(a, "lock:expiry", 100ms);
    redis::lock second(b, "lock:expiry", 10s);
    auto old_holder = [&]() -> task<> {
      try {
        co_await async_with(first, [&](redis::lock&) -> task<> {
          co_await b_holds_it.wait(); // the critical section outlives the ttl
        });
      } catch (const redis::lock_not_owned& e) {
        old_holder_error = e.what();
      }
      owner_after_old_release = (co_await a.command("GET", "lock:expiry")).text();
      a_released.set();
    };
    auto new_holder = [&]() -> task<> {
      co_await sleep_for(10ms); // let the old holder take it first
      co_await async_with(second, [&](redis::lock&) -> task<> {
        b_holds_it.set();
        co_await a_released.wait();
      });
      const redis::reply left = co_await b.command("GET", "lock:expiry");
      owner_after_new_release = left.is_nil() ? "(nil)" : left.text();
    };
    co_await when_all(old_holder(), new_holder());
    EXPECT_EQ(owner_after_old_release, second.token());
  }());
  EXPECT_NE(old_holder_error.find("lock \"lock:expiry\" had expired before it was released"),
            std::string::npos)
      << old_holder_error;
  EXPECT_EQ(owner_after_new_release, "(nil)");
}

TEST(RedisLock, AcquiringTimesOutWhileAnotherHoldsIt) {
  std::string message;
  run([&]() -> task<> {
    redis::client a = co_await redis::connect(servers::get().redis_options());
    redis::client b = co_await redis::connect(servers::get().redis_options());
    co_await a.command("DEL", "lock:busy");
    redis::lock_options patience;
    patience.acquire_timeout = 50ms;
    co_await async_with(redis::lock(a, "lock:busy", 10s), [&](redis::lock&) -> task<> {
      try {
        co_await async_with(redis::lock(b, "lock:busy", 10s, patience),
                            [](redis::lock&) -> task<> { co_return; });
      } catch (const redis::lock_timeout& e) {
        message = e.what();
      }
    });
  }());
  EXPECT_NE(message.find(": could not acquire lock \"lock:busy\" within 50 ms"), std::string::npos)
      << message;
}

TEST(RedisLock, ReleasedWhenTheBodyFailsOrIsCancelled) {
  run([]() -> task<> {
    redis::client redis = co_await redis::connect(servers::get().redis_options());
    co_await redis.command("DEL", "lock:released");
    EXPECT_THROW(co_await async_with(redis::lock(redis, "lock:released", 10s),
                                     [](redis::lock&) -> task<> {
                                       co_await sleep_for(0ms);
                                       throw std::runtime_error("body failed");
                                     }),
                 std::runtime_error);
    EXPECT_TRUE((co_await redis.command("GET", "lock:released")).is_nil());
    EXPECT_THROW(co_await timeout(10ms, async_with(redis::lock(redis, "lock:released", 10s),
                                                   [](redis::lock&) -> task<> {
                                                     co_await sleep_for(1h);
                                                   })),
                 timeout_error);
    EXPECT_TRUE((co_await redis.command("GET", "lock:released")).is_nil());
  }());
}

TEST(RedisLock, AnAcquireCancelledWhileItsSetIsInFlightLeavesNoLockBehind) {
  // 300 acquires cancelled at deadlines around one round trip. A SET NX the
  // server carried out for a task already cancelled took the lock for
  // nobody: every later acquire would wait out its 30 s ttl.
  int taken = 0;
  int cancelled_acquires = 0;
  int left_behind = 0;
  run([&]() -> task<> {
    redis::client redis = co_await redis::connect(servers::get().redis_options());
    redis::client observer = co_await redis::connect(servers::get().redis_options());
    co_await observer.command("DEL", "lock:in-flight");
    for (int attempt = 0; attempt < 300; ++attempt) {
      redis::lock contended(redis, "lock:in-flight", 30s);
      try {
        co_await timeout(std::chrono::milliseconds(attempt % 3), contended.acquire());
        ++taken;
        co_await contended.release();
      } catch (const timeout_error&) {
        ++cancelled_acquires;
      }
      if (!(co_await observer.command("GET", "lock:in-flight")).is_nil()) {
        ++left_behind;
        co_await observer.command("DEL", "lock:in-flight");
      }
    }
  }());
  EXPECT_EQ(left_behind, 0);
  EXPECT_GT(cancelled_acquires, 0);
  EXPECT_EQ(taken + cancelled_acquires, 300);
}

} // namespace
} // namespace coroscope
