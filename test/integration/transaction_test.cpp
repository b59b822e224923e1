// pg::transaction and pg::pool against a real PostgreSQL: the lesson's
// transfer_funds under concurrency, injected failures and cancellations;
// rollbacks that fail; pool exhaustion; a server restart and an outage.
#include <coroscope/postgres.hpp>
#include <coroscope/run.hpp>
#include <coroscope/scope.hpp>
#include <coroscope/task_group.hpp>
#include <coroscope/time.hpp>

#include "../runtime/test_support.hpp"
#include "servers.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace coroscope {
namespace {

using namespace std::chrono_literals;
using testing::servers;

constexpr int accounts = 10;
constexpr long long initial_balance = 1000;

std::string dsn() { return servers::get().pg_dsn(); }

std::string server_name() {
  const servers& s = servers::get();
  return "postgres " + s.pg_host() + ":" + std::to_string(s.pg_port()) + "/" + s.pg_database();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

pg::pool make_pool(std::size_t min_size, std::size_t max_size) {
  pool_options<pg::connection> options;
  options.min_size = min_size;
  options.max_size = max_size;
  return pg::make_pool(dsn(), options);
}

struct insufficient_funds : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct injected_failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class fault { none, error_midway, cancel_midway };

task<void> reset_accounts() {
  pg::connection conn = co_await pg::connect(dsn());
  co_await conn.execute("DROP TABLE IF EXISTS transfers, accounts");
  co_await conn.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance bigint NOT NULL)");
  co_await conn.execute(
      "CREATE TABLE transfers (id serial PRIMARY KEY, from_id int, to_id int, amount bigint)");
  co_await conn.execute("INSERT INTO accounts SELECT id, $1 FROM generate_series(1, $2) AS id",
                        initial_balance, accounts);
}

/// The lesson's transfer_funds. One deviation: both rows are locked up
/// front, in id order, so that concurrent transfers queue instead of
/// deadlocking. \p injected makes it fail after the debit, by an error or
/// by waiting until it is cancelled.
task<void> transfer_funds(pg::pool& db, int from, int to, long long amount, fault injected) {
  co_await async_with(pg::transaction(db), [&](pg::connection& conn) -> task<> {
    co_await conn.query("SELECT id FROM accounts WHERE id IN ($1, $2) ORDER BY id FOR UPDATE", from, to);
    const long long balance =
        (co_await conn.query("SELECT balance FROM accounts WHERE id = $1", from)).value().as<long long>();
    if (balance < amount)
      throw insufficient_funds("insufficient funds: " + std::to_string(balance) + " < " +
                               std::to_string(amount));
    co_await conn.execute("UPDATE accounts SET balance = balance - $1 WHERE id = $2", amount, from);
    if (injected == fault::error_midway)
      throw injected_failure("failed after the debit");
    if (injected == fault::cancel_midway)
      co_await sleep_for(1h); // until the caller's timeout cancels it
    co_await conn.execute("UPDATE accounts SET balance = balance + $1 WHERE id = $2", amount, to);
    co_await conn.execute("INSERT INTO transfers (from_id, to_id, amount) VALUES ($1, $2, $3)",
                          from, to, amount);
  });
}

task<long long> balance_of(pg::connection& conn, int id) {
  co_return (co_await conn.query("SELECT balance FROM accounts WHERE id = $1", id)).value().as<long long>();
}

// Every account's balance is its initial balance plus what the committed
// transfers moved: one statement, so one snapshot. A partial transfer (a
// debit without its credit and record) would break it for some account.
constexpr const char* unexplained_balances = R"sql(
SELECT count(*) FROM accounts a
WHERE a.balance <> $1
  + coalesce((SELECT sum(amount) FROM transfers WHERE to_id = a.id), 0)
  - coalesce((SELECT sum(amount) FROM transfers WHERE from_id = a.id), 0)
)sql";

TEST(Transactions, TransferFundsUnderConcurrencyFailuresAndCancellations) {
  constexpr int workers = 8;
  constexpr int transfers = 500;
  std::map<std::string, int> outcomes;
  int observations = 0;
  int wrong_sums = 0;
  int partial_transfers_seen = 0;
  run([&]() -> task<> {
    co_await reset_accounts();
    pg::pool db = make_pool(2, 4);
    co_await async_with(db, [&](pg::pool& pool) -> task<> {
      std::mt19937 random(7);
      int next = 0;
      bool done = false;
      auto one_transfer = [&]() -> task<> {
        const int from = static_cast<int>(random() % accounts) + 1;
        int to = static_cast<int>(random() % (accounts - 1)) + 1; // any other account
        if (to >= from)
          ++to;
        const long long amount = static_cast<long long>(random() % 600) + 1;
        const unsigned roll = random() % 100;
        const fault injected = roll < 10 ? fault::error_midway
                               : roll < 15 ? fault::cancel_midway
                                           : fault::none;
        try {
          co_await timeout(injected == fault::cancel_midway ? 20ms : 60s,
                           transfer_funds(pool, from, to, amount, injected));
          ++outcomes["committed"];
        } catch (const insufficient_funds&) {
          ++outcomes["insufficient funds"];
        } catch (const injected_failure&) {
          ++outcomes["failed midway"];
        } catch (const timeout_error&) {
          ++outcomes["cancelled midway"];
        }
      };
      auto worker = [&]() -> task<> {
        while (next < transfers) {
          ++next;
          co_await one_transfer();
        }
      };
      auto observer = [&]() -> task<> {
        pg::connection conn = co_await pg::connect(dsn());
        while (!done) {
          const pg::result sum = co_await conn.query("SELECT sum(balance) FROM accounts");
          if (sum.value().as<long long>() != accounts * initial_balance)
            ++wrong_sums;
          const pg::result partial = co_await conn.query(unexplained_balances, initial_balance);
          partial_transfers_seen += partial.value().as<int>();
          ++observations;
        }
      };
      auto all_workers = [&]() -> task<> {
        co_await with_task_group([&](task_group& group) -> task<> {
          for (int w = 0; w < workers; ++w)
            group.spawn(worker());
          co_return;
        });
        done = true;
      };
      co_await when_all(all_workers(), observer());
      EXPECT_LE(pool.stats().open, 4u);
    });

    pg::connection conn = co_await pg::connect(dsn());
    EXPECT_EQ((co_await conn.query("SELECT sum(balance) FROM accounts")).value().as<long long>(),
              accounts * initial_balance);
    EXPECT_EQ((co_await conn.query(unexplained_balances, initial_balance)).value().as<int>(), 0);
    EXPECT_EQ((co_await conn.query("SELECT count(*) FROM transfers")).value().as<int>(),
              outcomes["committed"]);
    EXPECT_EQ((co_await conn.query("SELECT count(*) FROM accounts WHERE balance < 0")).value().as<int>(), 0);
  }());
  int total = 0;
  for (const auto& [what, count] : outcomes)
    total += count;
  EXPECT_EQ(total, transfers);
  for (const char* expected : {"committed", "insufficient funds", "failed midway", "cancelled midway"})
    EXPECT_GT(outcomes[expected], 0) << expected;
  EXPECT_GT(observations, 0);
  EXPECT_EQ(wrong_sums, 0);
  EXPECT_EQ(partial_transfers_seen, 0);
}

TEST(Transactions, InsufficientFundsRollBack) {
  run([]() -> task<> {
    co_await reset_accounts();
    pg::pool db = make_pool(1, 1);
    co_await async_with(db, [&](pg::pool& pool) -> task<> {
      EXPECT_THROW(co_await transfer_funds(pool, 1, 2, 5000, fault::none), insufficient_funds);
      EXPECT_EQ(pool.stats(), (pool_stats{.open = 1, .idle = 1, .in_use = 0, .waiting = 0}));
      auto conn = co_await pool.acquire();
      EXPECT_EQ(co_await balance_of(*conn, 1), initial_balance);
      EXPECT_EQ(co_await balance_of(*conn, 2), initial_balance);
    });
  }());
}

TEST(Transactions, ACancelledBodyRollsBackAndTheConnectionIsReused) {
  run([]() -> task<> {
    co_await reset_accounts();
    pg::pool db = make_pool(1, 1);
    co_await async_with(db, [&](pg::pool& pool) -> task<> {
      EXPECT_THROW(co_await timeout(50ms, transfer_funds(pool, 1, 2, 10, fault::cancel_midway)),
                   timeout_error);
      auto conn = co_await pool.acquire();
      EXPECT_FALSE(conn->in_transaction());
      EXPECT_EQ(co_await balance_of(*conn, 1), initial_balance);
    });
  }());
}

TEST(Transactions, AConnectionWhoseRollbackFailedIsDiscarded) {
  testing::cleanup_error_capture reported;
  std::string body_error;
  run([&]() -> task<> {
    co_await reset_accounts();
    pg::pool db = make_pool(1, 1);
    co_await async_with(db, [&](pg::pool& pool) -> task<> {
      int old_backend = 0;
      try {
        co_await async_with(pg::transaction(pool), [&](pg::connection& conn) -> task<> {
          co_await conn.execute("UPDATE accounts SET balance = 0 WHERE id = 1");
          old_backend = (co_await conn.query("SELECT pg_backend_pid()")).value().as<int>();
          // The server ends this session: the statement fails, and so will
          // the ROLLBACK.
          co_await conn.query("SELECT pg_terminate_backend(pg_backend_pid())");
        });
      } catch (const pg::error& e) {
        body_error = e.what();
      }
      EXPECT_EQ(pool.stats().open, 0u); // discarded and closed, not returned
      auto fresh = co_await pool.acquire();
      EXPECT_NE((co_await fresh->query("SELECT pg_backend_pid()")).value().as<int>(), old_backend);
      EXPECT_EQ(co_await balance_of(*fresh, 1), initial_balance);
    });
  }());
  // The body's error wins; the failed ROLLBACK is reported, not lost.
  EXPECT_TRUE(contains(body_error, "terminating connection due to administrator command")) << body_error;
  ASSERT_EQ(reported.errors().size(), 1u);
  EXPECT_TRUE(contains(reported.errors()[0], server_name() + ": the connection is broken"))
      << reported.errors()[0];
}

TEST(Transactions, ACommitThatRollsBackIsAnError) {
  std::string message;
  run([&]() -> task<> {
    co_await reset_accounts();
    pg::pool db = make_pool(1, 1);
    co_await async_with(db, [&](pg::pool& pool) -> task<> {
      try {
        co_await async_with(pg::transaction(pool), [&](pg::connection& conn) -> task<> {
          co_await conn.execute("UPDATE accounts SET balance = 0 WHERE id = 1");
          try {
            co_await conn.query("SELECT 1 / 0");
          } catch (const pg::error&) {
            // swallowed: the transaction is aborted all the same
          }
        });
      } catch (const pg::error& e) {
        message = e.what();
      }
      auto conn = co_await pool.acquire();
      EXPECT_EQ(co_await balance_of(*conn, 1), initial_balance);
    });
  }());
  EXPECT_EQ(message, server_name() + ": COMMIT rolled the transaction back: a statement in it had failed");
}

TEST(PgPool, ExhaustionEndsInAnAcquireTimeout) {
  std::string message;
  run([&]() -> task<> {
    pg::pool db = make_pool(0, 2);
    co_await async_with(db, [&](pg::pool& pool) -> task<> {
      auto first = co_await pool.acquire();
      auto second = co_await pool.acquire();
      try {
        auto third = co_await pool.acquire(100ms);
      } catch (const pool_timeout& e) {
        message = e.what();
      }
      second.release();
      auto third = co_await pool.acquire(100ms);
      EXPECT_EQ((co_await third->query("SELECT 3")).value().as<int>(), 3);
      EXPECT_EQ(pool.stats().open, 2u);
    });
  }());
  EXPECT_TRUE(contains(message, server_name() + ": no item became free within 100 ms")) << message;
}

/// The backends of \p count connections held at once.
task<std::set<int>> backends(pg::pool& pool, int count) {
  std::vector<pg::pool::lease> held;
  std::set<int> pids;
  for (int i = 0; i < count; ++i) {
    held.push_back(co_await pool.acquire());
    pids.insert((co_await held.back()->query("SELECT pg_backend_pid()")).value().as<int>());
  }
  co_return pids;
}

TEST(PgPool, BrokenConnectionsAreDiscardedAfterAServerRestartAndThePoolRecovers) {
  testing::cleanup_error_capture reported;
  std::string in_flight_error;
  run([&]() -> task<> {
    co_await reset_accounts();
    pg::pool db = make_pool(3, 3);
    co_await async_with(db, [&](pg::pool& pool) -> task<> {
      const std::set<int> before = co_await backends(pool, 2);
      try {
        co_await async_with(pg::transaction(pool), [&](pg::connection& conn) -> task<> {
          co_await conn.execute("UPDATE accounts SET balance = balance - 1 WHERE id = 1");
          co_await servers::get().control("restart", "postgres"); // mid-transaction
          co_await conn.execute("UPDATE accounts SET balance = balance + 1 WHERE id = 2");
        });
      } catch (const pg::error& e) {
        in_flight_error = e.what();
      }
      // Every connection from before is dead: each is found out on checkout
      // (or by its failed transaction), closed and replaced.
      for (int round = 0; round < 3; ++round)
        co_await transfer_funds(pool, 3, 4, 1, fault::none);
      const std::set<int> after = co_await backends(pool, 3);
      for (int pid : after)
        EXPECT_FALSE(before.contains(pid)) << pid;
      EXPECT_EQ(pool.stats().open, 3u);
    });
    pg::connection conn = co_await pg::connect(dsn());
    EXPECT_EQ(co_await balance_of(conn, 1), initial_balance); // the interrupted transfer left nothing
    EXPECT_EQ(co_await balance_of(conn, 3), initial_balance - 3);
  }());
  EXPECT_TRUE(contains(in_flight_error, server_name())) << in_flight_error;
  // Its ROLLBACK failed too (reported; the body's error won) and the
  // connection was discarded.
  ASSERT_EQ(reported.errors().size(), 1u);
  EXPECT_TRUE(contains(reported.errors()[0], server_name() + ": the connection is broken"))
      << reported.errors()[0];
}

/// Starts PostgreSQL again at the end of a test that stopped it, even when
/// the test failed.
struct restarts_postgres {
  ~restarts_postgres() { run(servers::get().control("start", "postgres")); }
};

TEST(PgPool, KeepsServingOnceTheServerIsBack) {
  restarts_postgres guard;
  std::string down;
  run([&]() -> task<> {
    pg::pool db = make_pool(1, 2);
    co_await async_with(db, [&](pg::pool& pool) -> task<> {
      co_await servers::get().control("stop", "postgres");
      for (int attempt = 0; attempt < 3; ++attempt) {
        try {
          auto none = co_await pool.acquire();
          ADD_FAILURE() << "acquired a connection while the server is down";
        } catch (const pg::error& e) {
          down = e.what();
        }
      }
      EXPECT_EQ(pool.stats().open, 0u);
      co_await servers::get().control("start", "postgres");
      auto conn = co_await pool.acquire();
      EXPECT_EQ((co_await conn->query("SELECT 1")).value().as<int>(), 1);
    });
  }());
  EXPECT_TRUE(contains(down, server_name() + ": connect failed:")) << down;
  EXPECT_TRUE(contains(down, "Connection refused")) << down;
}

} // namespace
} // namespace coroscope
