// pg::connection against a real PostgreSQL: queries with text parameters,
// results by row and column, errors that name the server, cancellation that
// reaches the server, and no blocking of the loop.
#include <coroscope/postgres.hpp>
#include <coroscope/run.hpp>
#include <coroscope/task_group.hpp>
#include <coroscope/time.hpp>

#include "servers.hpp"

#include <gtest/gtest.h>

#include <chrono>
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

// --- every wait bounded ------------------------------------------------------

/// The backend process serving \p conn.
task<int> backend_of(pg::connection& conn) {
  co_return (co_await conn.query("SELECT pg_backend_pid()")).value().as<int>();
}

TEST(PostgresFaults, TheConnectTimeoutFiresOnAServerThatNeverAnswers) {
  // libpq ignores connect_timeout under PQconnectPoll: without the adapter's
  // own bound this connect would wait for ever (until CTest's timeout).
  testing::silent_listener silent;
  const auto started = std::chrono::steady_clock::now();
  const std::string message = message_of_connect(
      "host=127.0.0.1 port=" + std::to_string(silent.port()) +
      " dbname=shop user=app connect_timeout=2");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
  EXPECT_TRUE(contains(message, "postgres 127.0.0.1:" + std::to_string(silent.port()) +
                                    "/shop: connect failed:"))
      << message;
  EXPECT_TRUE(contains(message, "timeout expired after 2000 ms")) << message;
}

TEST(PostgresFaults, ConnectTriesTheNextHostWhenOneNeverAnswers) {
  // As libpq does with a host list: the first host hangs, the second serves.
  testing::silent_listener silent;
  const servers& s = servers::get();
  const std::string hosts = "host=127.0.0.1,127.0.0.1 port=" + std::to_string(silent.port()) + "," +
                            std::to_string(s.pg_port()) + " dbname=" + s.pg_database() +
                            " user=" + s.pg_user() + " password=" + s.pg_password() +
                            " connect_timeout=3"; // per address: the real one needs time too
  run([&]() -> task<> {
    const auto started = std::chrono::steady_clock::now();
    pg::connection conn = co_await pg::connect(hosts);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
    EXPECT_EQ((co_await conn.query("SELECT 1")).value().as<int>(), 1);
    EXPECT_EQ(conn.server(), "127.0.0.1:" + std::to_string(s.pg_port()) + "/" + s.pg_database());
  }());
}

TEST(PostgresFaults, ConnectTriesEveryAddressOfAHostName) {
  // localhost may resolve to ::1 before 127.0.0.1, where the server listens.
  const servers& s = servers::get();
  run([&]() -> task<> {
    pg::connection conn = co_await pg::connect(
        "host=localhost port=" + std::to_string(s.pg_port()) + " dbname=" + s.pg_database() +
        " user=" + s.pg_user() + " password=" + s.pg_password());
    EXPECT_EQ((co_await conn.query("SELECT 1")).value().as<int>(), 1);
  }());
}

TEST(PostgresFaults, AQueryBlockedOnARowLockHitsTheQueryTimeoutAndTheConnectionStaysUsable) {
  std::string message;
  run([&]() -> task<> {
    pg::connection holder = co_await pg::connect(dsn());
    co_await holder.execute("CREATE TABLE IF NOT EXISTS locked_rows (id int PRIMARY KEY)");
    co_await holder.execute("INSERT INTO locked_rows VALUES (1) ON CONFLICT DO NOTHING");
    co_await holder.execute("BEGIN");
    co_await holder.query("SELECT id FROM locked_rows WHERE id = 1 FOR UPDATE");

    pg::connect_options bounded;
    bounded.query_timeout = 2s; // every query of `blocked`, so not too tight
    pg::connection blocked = co_await pg::connect(dsn(), bounded);
    const int blocked_pid = co_await backend_of(blocked);
    const auto started = std::chrono::steady_clock::now();
    try {
      co_await blocked.execute("UPDATE locked_rows SET id = 1 WHERE id = 1");
      ADD_FAILURE() << "the update went through a lock another session holds";
    } catch (const timeout_error& e) {
      message = e.what();
    }
    EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
    // Cancelled on the server, not abandoned there: it waits no more, and
    // the connection serves the next query.
    const pg::result waiting = co_await holder.query(
        "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND state = 'active'", blocked_pid);
    EXPECT_EQ(waiting.value().as<int>(), 0);
    EXPECT_TRUE(blocked.is_usable());
    EXPECT_EQ((co_await blocked.query("SELECT 2")).value().as<int>(), 2);
    co_await holder.execute("ROLLBACK");
  }());
  EXPECT_TRUE(contains(message, server_name() + ": the query did not finish within 2000 ms"))
      << message;
}

TEST(PostgresFaults, AServerStoppedMidQueryIsAClearErrorNotAHang) {
  std::string message;
  run([&]() -> task<> {
    pg::connection conn = co_await pg::connect(dsn());
    auto querying = [&]() -> task<> {
      try {
        co_await conn.query("SELECT pg_sleep(60)");
      } catch (const pg::error& e) {
        message = e.what();
      }
    };
    auto stopping = [&]() -> task<> {
      co_await sleep_for(200ms);
      co_await servers::get().control("stop", "postgres"); // fast shutdown: backends killed
      co_await servers::get().control("start", "postgres");
    };
    co_await timeout(60s, when_all(querying(), stopping()));
    EXPECT_FALSE(conn.is_usable());
    pg::connection fresh = co_await pg::connect(dsn());
    EXPECT_EQ((co_await fresh.query("SELECT 1")).value().as<int>(), 1);
  }());
  EXPECT_TRUE(contains(message, server_name())) << message;
  EXPECT_TRUE(contains(message, "terminating connection due to administrator command")) << message;
}

// --- secrets -------------------------------------------------------------------

/// The error of connecting with \p connect_dsn; \p password must not be in it.
std::string refused_without(const std::string& connect_dsn, const std::string& password) {
  const std::string message = message_of_connect(connect_dsn);
  EXPECT_FALSE(contains(message, password)) << message;
  return message;
}

TEST(PostgresSecrets, NoPasswordInTheErrorsOfAUri) {
  const servers& s = servers::get();
  const std::string base = "@127.0.0.1:" + std::to_string(s.pg_port()) + "/" + s.pg_database();
  // Wrong password: the server's refusal, without the password.
  std::string message = refused_without("postgresql://" + s.pg_user() + ":Wr0ng-Secret" + base, "Wr0ng-Secret");
  EXPECT_TRUE(contains(message, "password authentication failed")) << message;
  // Refused: the address, without the password.
  const int port = testing::unused_port();
  message = refused_without("postgresql://app:S3cret-Pass@127.0.0.1:" + std::to_string(port) + "/shop",
                            "S3cret-Pass");
  EXPECT_TRUE(contains(message, "Connection refused")) << message;
}

TEST(PostgresSecrets, NoPasswordInTheErrorsOfKeyValueSettings) {
  const servers& s = servers::get();
  const std::string base = "host=127.0.0.1 port=" + std::to_string(s.pg_port()) + " dbname=" +
                           s.pg_database() + " user=" + s.pg_user();
  std::string message = refused_without(base + " password=Wr0ng-Secret", "Wr0ng-Secret");
  EXPECT_TRUE(contains(message, "password authentication failed")) << message;
  message = refused_without(base + " password='quoted Wr0ng secret'", "quoted Wr0ng secret");
  EXPECT_TRUE(contains(message, "password authentication failed")) << message;
}

TEST(PostgresSecrets, NoPasswordWithAPercentSign) {
  const servers& s = servers::get();
  // %25 is '%' in a URI; as a key=value setting the '%' is literal.
  std::string message = refused_without("postgresql://" + s.pg_user() + ":per%25cent-Secret@127.0.0.1:" +
                                            std::to_string(s.pg_port()) + "/" + s.pg_database(),
                                        "per%cent-Secret");
  EXPECT_FALSE(contains(message, "per%25cent-Secret")) << message;
  EXPECT_TRUE(contains(message, "password authentication failed")) << message;
  message = refused_without("host=127.0.0.1 port=" + std::to_string(s.pg_port()) + " dbname=" +
                                s.pg_database() + " user=" + s.pg_user() + " password=per%cent-Secret",
                            "per%cent-Secret");
  EXPECT_TRUE(contains(message, "password authentication failed")) << message;
}

TEST(PostgresSecrets, NoPasswordInAMalformedUriThatLibpqQuotesBack) {
  // libpq's own messages quote the bad token, or the whole URI.
  std::string message = refused_without("postgresql://app:Bad%zzSecret@127.0.0.1/shop", "Bad%zzSecret");
  EXPECT_TRUE(contains(message, "postgres: bad connection string: invalid percent-encoded token"))
      << message;
  message = refused_without("postgresql://app:Bracket-Secret@[::1/shop", "Bracket-Secret");
  EXPECT_TRUE(contains(message, "postgres: bad connection string:")) << message;
  EXPECT_TRUE(contains(message, "IPv6 host address")) << message;
  message = refused_without("postgresql://app@127.0.0.1/shop?password=Query-Secret&bogus", "Query-Secret");
  EXPECT_TRUE(contains(message, "postgres: bad connection string:")) << message;
}

// --- TLS -------------------------------------------------------------------------

std::string tls_dsn(const std::string& root_cert) {
  const servers& s = servers::get();
  return "host=localhost port=" + std::to_string(s.pg_port()) + " dbname=" + s.pg_database() +
         " user=" + s.pg_user() + " password=" + s.pg_password() +
         " sslmode=verify-full sslrootcert=" + root_cert;
}

TEST(PostgresTls, VerifyFullConnectsAgainstTheServersCa) {
  run([]() -> task<> {
    pg::connection conn = co_await pg::connect(tls_dsn(servers::get().pg_ca_cert()));
    const pg::result tls = co_await conn.query(
        "SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
    EXPECT_TRUE(tls[0]["ssl"].as<bool>());
    EXPECT_TRUE(tls[0]["version"].as<std::string>().starts_with("TLS")) << tls[0]["version"].text();
  }());
}

TEST(PostgresTls, AWrongCaFailsCleanly) {
  const std::string message = message_of_connect(tls_dsn(servers::get().pg_other_ca_cert()));
  EXPECT_TRUE(contains(message, "postgres localhost:" + std::to_string(servers::get().pg_port()) +
                                    "/" + servers::get().pg_database() + ": connect failed:"))
      << message;
  EXPECT_TRUE(contains(message, "certificate verify failed")) << message;
  EXPECT_FALSE(contains(message, servers::get().pg_password())) << message;
}

} // namespace
} // namespace coroscope
