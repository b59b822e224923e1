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

#include <chrono>
#include <map>
#include <optional>
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

// --- clean connections back, half-open connections, dead peers ------------------

task<int> backend_of(pg::connection& conn) {
  co_return (co_await conn.query("SELECT pg_backend_pid()")).value().as<int>();
}

/// Whether another session can lock account \p id at once.
task<bool> row_is_free(pg::connection& observer, int id) {
  co_await observer.execute("BEGIN");
  bool free = true;
  try {
    co_await observer.query("SELECT id FROM accounts WHERE id = $1 FOR UPDATE NOWAIT", id);
  } catch (const pg::error& e) {
    free = e.sqlstate() != "55P03"; // lock_not_available
  }
  co_await observer.execute("ROLLBACK");
  co_return free;
}

TEST(PgPool, ACancelledTransactionsRowLocksAreReleasedBeforeTheNextBorrowerRuns) {
  // A lease returned inside a transaction (a manual BEGIN, cancelled
  // midway) is rolled back as it returns, not at the next checkout: its
  // row locks must not be held while the connection sits idle.
  bool free_for_next_borrower = false;
  bool free_while_idle = false;
  run([&]() -> task<> {
    co_await reset_accounts();
    pg::connection observer = co_await pg::connect(dsn());
    pg::pool db = make_pool(1, 1);
    co_await async_with(db, [&](pg::pool& pool) -> task<> {
      auto cancelled_mid_transaction = [&]() -> task<> {
        auto lease = co_await pool.acquire();
        co_await lease->execute("BEGIN");
        co_await lease->query("SELECT id FROM accounts WHERE id = 1 FOR UPDATE");
        co_await sleep_for(1h); // until the timeout cancels it
      };
      auto next_borrower = [&]() -> task<> {
        auto lease = co_await pool.acquire();
        free_for_next_borrower = co_await row_is_free(observer, 1);
        EXPECT_FALSE(lease->in_transaction());
      };
      EXPECT_THROW(co_await timeout(100ms, cancelled_mid_transaction()), timeout_error);
      for (int wait = 0; wait < 1000 && pool.stats().idle == 0; ++wait)
        co_await sleep_for(10ms); // the reset runs on the loop
      free_while_idle = co_await row_is_free(observer, 1);
      auto cancelled_again = [&]() -> task<> {
        EXPECT_THROW(co_await timeout(100ms, cancelled_mid_transaction()), timeout_error);
      };
      co_await when_all(cancelled_again(), next_borrower());
    });
  }());
  EXPECT_TRUE(free_while_idle);
  EXPECT_TRUE(free_for_next_borrower);
}

TEST(PgPool, SessionStateIsResetBeforeTheConnectionIsLentAgain) {
  run([]() -> task<> {
    pg::pool db = make_pool(1, 1);
    co_await async_with(db, [&](pg::pool& pool) -> task<> {
      {
        auto lease = co_await pool.acquire();
        co_await lease->execute("SET application_name = 'left behind'");
        co_await lease->execute("CREATE TEMP TABLE scratch (x int)");
      }
      auto lease = co_await pool.acquire();
      EXPECT_EQ((co_await lease->query("SHOW application_name")).value().as<std::string>(), "");
      EXPECT_EQ((co_await lease->query("SELECT count(*) FROM pg_tables WHERE tablename = 'scratch'"))
                    .value()
                    .as<int>(),
                0);
    });
  }());
}

TEST(PgPool, TheHealthCheckFindsAHalfOpenConnection) {
  // The backend stops answering (SIGSTOP) with its connection open: probe()
  // sees nothing wrong; the round trip for a connection idle a second or
  // more does, and the borrower gets a working connection instead.
  int stale = 0;
  int fresh = 0;
  run([&]() -> task<> {
    pg::pool db = make_pool(1, 1);
    co_await async_with(db, [&](pg::pool& pool) -> task<> {
      {
        auto lease = co_await pool.acquire();
        stale = co_await backend_of(*lease);
      }
      for (int wait = 0; wait < 1000 && pool.stats().idle == 0; ++wait)
        co_await sleep_for(10ms);
      {
        testing::frozen_process hung(stale);
        co_await sleep_for(1100ms); // idle long enough to be pinged
        const auto started = std::chrono::steady_clock::now();
        auto lease = co_await pool.acquire();
        EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
        fresh = co_await backend_of(*lease);
      }
    });
    pg::connection admin = co_await pg::connect(dsn());
    co_await admin.query("SELECT pg_terminate_backend($1)", stale);
  }());
  EXPECT_NE(fresh, stale);
}

TEST(Transactions, ARollbackOnADeadPeerGivesUpDiscardsTheConnectionAndIsReported) {
  testing::cleanup_error_capture reported;
  int stale = 0;
  run([&]() -> task<> {
    co_await reset_accounts();
    pg::pool db = make_pool(1, 1);
    co_await async_with(db, [&](pg::pool& pool) -> task<> {
      std::optional<testing::frozen_process> hung;
      const auto started = std::chrono::steady_clock::now();
      // 2 s for the body to reach its sleep even on a loaded machine.
      EXPECT_THROW(co_await timeout(2s, async_with(pg::transaction(pool, 500ms),
                                                      [&](pg::connection& conn) -> task<> {
                                                        co_await conn.execute(
                                                            "UPDATE accounts SET balance = 0 WHERE id = 1");
                                                        stale = co_await backend_of(conn);
                                                        hung.emplace(stale);
                                                        co_await sleep_for(1h);
                                                      })),
                   timeout_error);
      // The cancelled task finished: the shielded ROLLBACK gave up.
      EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
      EXPECT_EQ(pool.stats().open, 0u); // discarded, not returned
      hung.reset();
      auto fresh = co_await pool.acquire();
      EXPECT_NE(co_await backend_of(*fresh), stale);
      EXPECT_EQ(co_await balance_of(*fresh, 1), initial_balance);
    });
  }());
  ASSERT_EQ(reported.errors().size(), 1u);
  EXPECT_TRUE(contains(reported.errors()[0],
                       server_name() + ": ROLLBACK did not finish within 500 ms; the connection was closed"))
      << reported.errors()[0];
}

TEST(PgPool, AServerRestartUnderFiftyTasksHangsNoTaskLosesNoErrorAndThePoolRecovers) {
  constexpr int tasks = 50;
  std::map<std::string, int> outcomes;
  int recovered = 0;
  run([&]() -> task<> {
    co_await reset_accounts();
    pg::pool db = make_pool(2, 10);
    co_await async_with(db, [&](pg::pool& pool) -> task<> {
      bool restarted = false;
      auto worker = [&](int n) -> task<> {
        bool succeeded_after_restart = false;
        while (!succeeded_after_restart) {
          const bool after = restarted;
          try {
            co_await transfer_funds(pool, n % accounts + 1, (n + 1) % accounts + 1, 1, fault::none);
            ++outcomes["committed"];
            succeeded_after_restart = after;
          } catch (const pg::error&) {
            ++outcomes["server error"]; // caught here, so none is lost
          } catch (const timeout_error&) {
            ++outcomes["timeout"];
          }
          co_await sleep_for(std::chrono::milliseconds(5 + n % 7));
        }
        ++recovered;
      };
      auto restarting = [&]() -> task<> {
        co_await sleep_for(300ms);
        co_await servers::get().control("restart", "postgres");
        restarted = true;
      };
      co_await timeout(120s, with_task_group([&](task_group& group) -> task<> {
                         for (int n = 0; n < tasks; ++n)
                           group.spawn(worker(n));
                         group.spawn(restarting());
                         co_return;
                       }));
      EXPECT_EQ(pool.stats().in_use, 0u);
      EXPECT_LE(pool.stats().open, 10u);
    });
    pg::connection conn = co_await pg::connect(dsn());
    EXPECT_EQ((co_await conn.query("SELECT sum(balance) FROM accounts")).value().as<long long>(),
              accounts * initial_balance);
    // A COMMIT the restart cut off may have been carried out without its
    // answer arriving: it is among the errors, never lost.
    const int recorded = (co_await conn.query("SELECT count(*) FROM transfers")).value().as<int>();
    EXPECT_GE(recorded, outcomes["committed"]);
    EXPECT_LE(recorded, outcomes["committed"] + outcomes["server error"]);
  }());
  EXPECT_EQ(recovered, tasks); // every task got through after the restart
  EXPECT_GT(outcomes["committed"], tasks);
}

} // namespace
} // namespace coroscope
