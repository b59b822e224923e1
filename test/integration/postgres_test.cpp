// pg::connection against a real PostgreSQL: queries with text parameters,
// results by row and column, errors that name the server, cancellation that
// reaches the server, and no blocking of the loop.
#include <coroscope/postgres.hpp>
#include <coroscope/run.hpp>
#include <coroscope/task_group.hpp>
#include <coroscope/time.hpp>

#include "servers.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace coroscope {
namespace {

using namespace std::chrono_literals;
using testing::servers;

std::string dsn() { return servers::get().pg_dsn(); }

/// "postgres 127.0.0.1:PORT/DATABASE", how the errors name the server.
std::string server_name() {
  const servers& s = servers::get();
  return "postgres " + s.pg_host() + ":" + std::to_string(s.pg_port()) + "/" + s.pg_database();
}

std::string message_of_connect(std::string connect_dsn) {
  try {
    run(pg::connect(std::move(connect_dsn)));
  } catch (const pg::error& e) {
    return e.what();
  }
  return "(connected)";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Postgres, RunsQueriesWithParametersSentAsText) {
  run([]() -> task<> {
    pg::connection conn = co_await pg::connect(dsn());
    const pg::result sum = co_await conn.query(
        "SELECT $1::int + $2::int AS sum, $3::text AS word, $4::text IS NULL AS missing, "
        "$5::float8 AS ratio, $6::bool AS flag",
        40, 2, "forty-two", nullptr, 0.25, true);
    EXPECT_EQ(sum.rows(), 1);
    EXPECT_EQ(sum[0]["sum"].as<int>(), 42);
    EXPECT_EQ(sum[0]["word"].as<std::string>(), "forty-two");
    EXPECT_TRUE(sum[0]["missing"].as<bool>());
    EXPECT_EQ(sum[0]["ratio"].as<double>(), 0.25);
    EXPECT_TRUE(sum[0]["flag"].as<bool>());
    // Text parameters carry what would break a query built by concatenation.
    const pg::result quoted = co_await conn.query("SELECT $1::text", "it's; DROP TABLE x; --");
    EXPECT_EQ(quoted.value().as<std::string>(), "it's; DROP TABLE x; --");
  }());
}

TEST(Postgres, GivesResultsByRowAndColumn) {
  run([]() -> task<> {
    pg::connection conn = co_await pg::connect(dsn());
    const pg::result numbers = co_await conn.query(
        "SELECT n, n * n AS square, CASE WHEN n = 2 THEN NULL ELSE 'x' END AS maybe "
        "FROM generate_series(1, $1::int) AS n",
        3);
    EXPECT_EQ(numbers.rows(), 3);
    EXPECT_EQ(numbers.columns(), 3);
    EXPECT_STREQ(numbers.column_name(1), "square");
    EXPECT_EQ(numbers.column_index("maybe"), 2);
    std::vector<long long> squares;
    for (const pg::row row : numbers)
      squares.push_back(row["square"].as<long long>());
    EXPECT_EQ(squares, (std::vector<long long>{1, 4, 9}));
    EXPECT_TRUE(numbers[1][2].is_null());
    EXPECT_EQ(numbers[1]["maybe"].as<std::optional<std::string>>(), std::nullopt);
    EXPECT_EQ(numbers[0][2].text(), "x");
    EXPECT_EQ(numbers.affected_rows(), 3u);
    EXPECT_THROW((void)numbers[0]["no_such_column"], pg::error);
    EXPECT_THROW((void)numbers[1]["maybe"].as<std::string>(), pg::error); // NULL
    EXPECT_THROW((void)numbers[0]["maybe"].as<int>(), pg::error);         // "x"
  }());
}

TEST(Postgres, ExecuteGivesTheRowsAffected) {
  run([]() -> task<> {
    pg::connection conn = co_await pg::connect(dsn());
    co_await conn.execute("CREATE TEMP TABLE things (id int)");
    EXPECT_EQ(co_await conn.execute("INSERT INTO things SELECT generate_series(1, 5)"), 5u);
    EXPECT_EQ(co_await conn.execute("UPDATE things SET id = id + 1 WHERE id > $1", 3), 2u);
    EXPECT_EQ(co_await conn.execute("DELETE FROM things"), 5u);
  }());
}

TEST(Postgres, AQueryErrorNamesTheServerAndTheConnectionStaysUsable) {
  std::string message;
  std::string sqlstate;
  run([&]() -> task<> {
    pg::connection conn = co_await pg::connect(dsn());
    try {
      co_await conn.query("SELEC 1");
    } catch (const pg::error& e) {
      message = e.what();
      sqlstate = e.sqlstate();
    }
    EXPECT_TRUE(conn.is_usable());
    EXPECT_EQ((co_await conn.query("SELECT 7")).value().as<int>(), 7);
  }());
  EXPECT_TRUE(contains(message, server_name() + ": query failed: ERROR:  syntax error")) << message;
  EXPECT_EQ(sqlstate, "42601");
}

TEST(Postgres, CancellingTheTaskCancelsTheQueryOnTheServer) {
  // Without a cancel request reaching the server, the drain after the
  // timeout would wait for an hour-long pg_sleep to end; the test would hit
  // CTest's timeout. A mock could not tell.
  run([]() -> task<> {
    pg::connection conn = co_await pg::connect(dsn());
    pg::connection observer = co_await pg::connect(dsn());
    EXPECT_THROW(co_await timeout(200ms, conn.query("SELECT pg_sleep(3600)")), timeout_error);
    EXPECT_TRUE(conn.is_usable());
    EXPECT_EQ((co_await conn.query("SELECT 1")).value().as<int>(), 1);
    const pg::result sleeping = co_await observer.query(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE state = 'active' AND query LIKE 'SELECT pg_sleep(3600)%'");
    EXPECT_EQ(sleeping.value().as<int>(), 0);
  }());
}

TEST(Postgres, QueriesDoNotBlockTheLoop) {
  // A ticker keeps running while a connect and a 300 ms query are under
  // way; a blocking libpq call would stop it for the whole query.
  int ticks = 0;
  run([&]() -> task<> {
    bool done = false;
    auto ticker = [&]() -> task<> {
      while (!done) {
        ++ticks;
        co_await sleep_for(1ms);
      }
    };
    auto querying = [&]() -> task<> {
      pg::connection conn = co_await pg::connect(dsn());
      ticks = 0;
      co_await conn.query("SELECT pg_sleep(0.3)");
      done = true;
    };
    co_await when_all(ticker(), querying());
  }());
  EXPECT_GT(ticks, 10);
}

TEST(Postgres, OneQueryAtATimePerConnection) {
  run([]() -> task<> {
    pg::connection conn = co_await pg::connect(dsn());
    auto second = [&]() -> task<> { co_await conn.query("SELECT 2"); };
    auto both = [&](task_group& group) -> task<> {
      group.spawn(second());
      co_await conn.query("SELECT pg_sleep(0.05)");
    };
    EXPECT_THROW(co_await with_task_group(both), std::logic_error);
  }());
}

TEST(Postgres, ClosingTheConnectionEndsAQueryInFlight) {
  // close() from another task must wake the one waiting for the result; a
  // socket closed under it would leave it waiting forever.
  std::string message;
  run([&]() -> task<> {
    pg::connection conn = co_await pg::connect(dsn());
    auto querying = [&]() -> task<> {
      try {
        co_await conn.query("SELECT pg_sleep(5)");
      } catch (const pg::error& e) {
        message = e.what();
      }
    };
    auto closing = [&]() -> task<> {
      co_await sleep_for(50ms);
      conn.close();
    };
    co_await when_all(querying(), closing());
    EXPECT_FALSE(conn.is_usable());
    EXPECT_THROW(co_await conn.query("SELECT 1"), pg::error);
  }());
  EXPECT_TRUE(contains(message, server_name() + ": ")) << message;
  EXPECT_TRUE(contains(message, "the connection was closed")) << message;
}

TEST(PostgresBadInput, AMalformedDsnIsRefusedClearly) {
  const std::string message = message_of_connect("host=127.0.0.1 nonsense");
  EXPECT_TRUE(contains(message, "postgres: bad connection string:")) << message;
  EXPECT_TRUE(contains(message, "nonsense")) << message;
}

TEST(PostgresBadInput, ARefusedConnectionNamesTheServer) {
  const int port = testing::unused_port();
  const std::string message = message_of_connect(
      "host=127.0.0.1 port=" + std::to_string(port) + " dbname=shop user=app connect_timeout=5");
  EXPECT_TRUE(contains(message, "postgres 127.0.0.1:" + std::to_string(port) +
                                    "/shop: connect failed:"))
      << message;
  EXPECT_TRUE(contains(message, "Connection refused")) << message;
}

TEST(PostgresBadInput, AWrongPasswordIsRefusedClearly) {
  const std::string message = message_of_connect(dsn() + " password=wrong");
  EXPECT_TRUE(contains(message, server_name() + ": connect failed:")) << message;
  EXPECT_TRUE(contains(message, "password authentication failed")) << message;
}

TEST(PostgresBadInput, FailedConnectsLeaveNothingOpen) {
  const int port = testing::unused_port();
  const int before = testing::open_fds();
  run([&]() -> task<> {
    for (int i = 0; i < 20; ++i) {
      EXPECT_THROW(co_await pg::connect("host=127.0.0.1 port=" + std::to_string(port)), pg::error);
      EXPECT_THROW(co_await pg::connect(dsn() + " password=wrong"), pg::error);
      EXPECT_THROW(co_await pg::connect("nonsense"), pg::error);
    }
  }());
  EXPECT_EQ(testing::open_fds(), before);
}

} // namespace
} // namespace coroscope
