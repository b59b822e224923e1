// redis::client against a real redis-server: commands and replies, error
// replies, clients shared by tasks, cancelled commands, a server that is
// down or goes away, and the pool that recovers once it is back.
#include <coroscope/redis.hpp>
#include <coroscope/run.hpp>
#include <coroscope/scope.hpp>
#include <coroscope/task_group.hpp>
#include <coroscope/time.hpp>

#include "servers.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace coroscope {
namespace {

using namespace std::chrono_literals;
using testing::servers;

std::string server_name() {
  return "redis " + servers::get().redis_host() + ":" + std::to_string(servers::get().redis_port());
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// Starts the server again at the end of a test that stopped it, even when
/// the test failed, so that the next test finds it.
struct restarts_redis {
  ~restarts_redis() { run(servers::get().control("start", "redis")); }
};

TEST(Redis, SendsCommandsAndGivesRepliesAsAVariant) {
  run([]() -> task<> {
    redis::client redis = co_await redis::connect(servers::get().redis_options());
    const redis::reply stored = co_await redis.command("SET", "greeting", "hello");
    EXPECT_TRUE(std::holds_alternative<redis::status>(stored.value));
    EXPECT_EQ(stored.text(), "OK");
    EXPECT_EQ((co_await redis.command("GET", "greeting")).text(), "hello");
    EXPECT_TRUE((co_await redis.command("GET", "no:such:key")).is_nil());
    co_await redis.command("DEL", "counter");
    EXPECT_EQ((co_await redis.command("INCRBY", "counter", 41)).integer(), 41);
    EXPECT_EQ((co_await redis.command("INCR", "counter")).integer(), 42);
    const std::string binary("a\0b\r\nc", 6); // arguments are binary-safe
    co_await redis.command("SET", "binary", binary);
    EXPECT_EQ((co_await redis.command("GET", "binary")).text(), binary);
    co_await redis.command("DEL", "list");
    co_await redis.command("RPUSH", "list", "x", "y", 3);
    const redis::reply items = co_await redis.command("LRANGE", "list", 0, -1);
    EXPECT_EQ(items.elements().size(), 3u);
    EXPECT_EQ(items.elements().back().text(), "3");
  }());
}

TEST(Redis, AnErrorReplyNamesTheServerAndTheCommandAndTheClientStaysUsable) {
  std::string message;
  run([&]() -> task<> {
    redis::client redis = co_await redis::connect(servers::get().redis_options());
    co_await redis.command("SET", "not-a-number", "abc");
    try {
      co_await redis.command("INCR", "not-a-number");
    } catch (const redis::command_error& e) {
      message = e.what();
    }
    EXPECT_TRUE(redis.is_connected());
    EXPECT_EQ((co_await redis.command("PING")).text(), "PONG");
  }());
  EXPECT_EQ(message, server_name() + ": INCR: ERR value is not an integer or out of range");
}

TEST(Redis, TasksShareAClientAndEachGetsItsOwnReply) {
  run([]() -> task<> {
    redis::client redis = co_await redis::connect(servers::get().redis_options());
    co_await redis.command("DEL", "shared");
    auto worker = [&](int id) -> task<> {
      for (int i = 0; i < 10; ++i) {
        const std::string key = "shared:" + std::to_string(id);
        co_await redis.command("SET", key, i);
        EXPECT_EQ((co_await redis.command("GET", key)).text(), std::to_string(i));
        co_await redis.command("INCR", "shared");
      }
    };
    co_await with_task_group([&](task_group& group) -> task<> {
      for (int id = 0; id < 8; ++id)
        group.spawn(worker(id));
      co_return;
    });
    EXPECT_EQ((co_await redis.command("GET", "shared")).text(), "80");
  }());
}

TEST(Redis, ACancelledCommandsReplyIsDroppedNotGivenToTheNext) {
  run([]() -> task<> {
    redis::client redis = co_await redis::connect(servers::get().redis_options());
    co_await redis.command("DEL", "empty-list");
    // BLPOP blocks on the server for 0.3 s; the task stops waiting at once.
    EXPECT_THROW(co_await timeout(20ms, redis.command("BLPOP", "empty-list", "0.3")), timeout_error);
    // The next reply on the connection is BLPOP's nil: it must not be ours.
    EXPECT_EQ((co_await redis.command("ECHO", "mine")).text(), "mine");
  }());
}

TEST(Redis, ClosingTheClientEndsACommandInFlight) {
  // close() from another task must wake the one waiting for the reply.
  std::string message;
  run([&]() -> task<> {
    redis::client redis = co_await redis::connect(servers::get().redis_options());
    co_await redis.command("DEL", "never-filled");
    auto waiting = [&]() -> task<> {
      try {
        co_await redis.command("BLPOP", "never-filled", 5);
      } catch (const redis::error& e) {
        message = e.what();
      }
    };
    auto closing = [&]() -> task<> {
      co_await sleep_for(50ms);
      redis.close();
    };
    co_await when_all(waiting(), closing());
    EXPECT_FALSE(redis.is_connected());
    EXPECT_THROW(co_await redis.command("PING"), redis::error);
  }());
  EXPECT_EQ(message, server_name() + ": BLPOP failed: the client was closed");
}

TEST(RedisBadInput, RedisDownIsAClearError) {
  const int port = testing::unused_port();
  std::string message;
  try {
    redis::client_options nowhere;
    nowhere.port = port;
    run(redis::connect(nowhere));
  } catch (const redis::error& e) {
    message = e.what();
  }
  EXPECT_EQ(message, "redis 127.0.0.1:" + std::to_string(port) + ": connect failed: Connection refused");
}

TEST(RedisBadInput, FailedConnectsLeaveNothingOpen) {
  redis::client_options nowhere;
  nowhere.port = testing::unused_port();
  const int before = testing::open_fds();
  run([&]() -> task<> {
    for (int i = 0; i < 50; ++i)
      EXPECT_THROW(co_await redis::connect(nowhere), redis::error);
  }());
  EXPECT_EQ(testing::open_fds(), before);
}

TEST(RedisBadInput, AServerThatGoesAwayFailsCommandsAndThePoolRecovers) {
  restarts_redis guard;
  std::string lost;
  std::string down;
  run([&]() -> task<> {
    pool_options<redis::client> settings;
    settings.min_size = 2;
    settings.max_size = 2;
    redis::pool clients = redis::make_pool(servers::get().redis_options(), settings);
    co_await async_with(clients, [&](redis::pool& pool) -> task<> {
      auto held = co_await pool.acquire();
      co_await servers::get().control("stop", "redis");
      try {
        co_await held->command("PING");
      } catch (const redis::error& e) {
        lost = e.what();
      }
      EXPECT_FALSE(held->is_connected());
      held.discard();
      held.release();
      try {
        auto none = co_await pool.acquire(); // the idle one is dead, a new one refused
      } catch (const redis::error& e) {
        down = e.what();
      }
      co_await servers::get().control("start", "redis");
      auto fresh = co_await pool.acquire();
      EXPECT_EQ((co_await fresh->command("PING")).text(), "PONG");
      EXPECT_LE(pool.stats().open, 2u);
    });
  }());
  EXPECT_TRUE(contains(lost, server_name() + ": PING failed:")) << lost;
  EXPECT_TRUE(contains(down, server_name() + ": connect failed: Connection refused")) << down;
}

redis::client_options acl_options() {
  redis::client_options options;
  options.host = servers::get().redis_host();
  options.port = servers::get().redis_acl_port();
  options.username = servers::get().redis_acl_user();
  options.password = servers::get().redis_acl_password();
  return options;
}

TEST(RedisAuth, AnAclUserAuthenticatesWithUsernameAndPassword) {
  run([]() -> task<> {
    redis::client redis = co_await redis::connect(acl_options());
    EXPECT_EQ((co_await redis.command("ACL", "WHOAMI")).text(), servers::get().redis_acl_user());
    EXPECT_EQ((co_await redis.command("PING")).text(), "PONG");
  }());
}

TEST(RedisAuth, AWrongPasswordIsAClearErrorWithoutThePassword) {
  std::string message;
  run([&]() -> task<> {
    redis::client_options wrong = acl_options();
    wrong.password = "Wr0ng-Acl-Secret";
    try {
      redis::client redis = co_await redis::connect(wrong);
      ADD_FAILURE() << "connected with a wrong password";
    } catch (const redis::error& e) {
      message = e.what();
    }
  }());
  const std::string server = "redis " + servers::get().redis_host() + ":" +
                             std::to_string(servers::get().redis_acl_port());
  EXPECT_TRUE(contains(message, server + ": authentication failed for user \"" +
                                    servers::get().redis_acl_user() + "\": WRONGPASS"))
      << message;
  EXPECT_FALSE(contains(message, "Wr0ng-Acl-Secret")) << message;
}

TEST(RedisAuth, WithoutCredentialsTheServerRefusesCommandsClearly) {
  std::string message;
  run([&]() -> task<> {
    redis::client_options anonymous = acl_options();
    anonymous.username.clear();
    anonymous.password.clear();
    redis::client redis = co_await redis::connect(anonymous);
    try {
      co_await redis.command("GET", "anything");
    } catch (const redis::command_error& e) {
      message = e.what();
    }
  }());
  EXPECT_TRUE(contains(message, "NOAUTH")) << message;
}

TEST(RedisPool, TheHealthCheckFindsAServerThatStoppedAnswering) {
  // The server stops (SIGSTOP) with the pool's client connected: probe()
  // sees nothing wrong; the PING for a client idle a second or more does,
  // and the client is replaced.
  long long stale = 0;
  long long fresh = 0;
  run([&]() -> task<> {
    redis::client admin = co_await redis::connect(servers::get().redis_options());
    const std::string info = (co_await admin.command("INFO", "server")).text();
    const int server_pid = std::stoi(info.substr(info.find("process_id:") + 11));
    pool_options<redis::client> one;
    one.max_size = 1;
    redis::pool clients = redis::make_pool(servers::get().redis_options(), one);
    co_await async_with(clients, [&](redis::pool& pool) -> task<> {
      {
        auto lease = co_await pool.acquire();
        stale = (co_await lease->command("CLIENT", "ID")).integer();
      }
      std::optional<testing::frozen_process> hung(server_pid);
      co_await sleep_for(1100ms); // idle long enough to be pinged
      const auto started = std::chrono::steady_clock::now();
      auto lease = co_await pool.acquire();
      EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
      hung.reset();
      fresh = (co_await lease->command("CLIENT", "ID")).integer();
    });
  }());
  EXPECT_NE(fresh, stale);
}

} // namespace
} // namespace coroscope
