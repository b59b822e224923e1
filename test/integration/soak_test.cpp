// The runtime under load and faults against a real PostgreSQL: 10,000 bank
// transfers on a pool of 20 connections, with query errors, cancellations,
// timeouts and connections killed by pg_terminate_backend thrown in at
// random, and a killer terminating backends from outside. At the end nothing
// is leaked (every connection accounted for on both sides, no transaction
// left open on the server), no money was made or lost, and the throughput is
// printed (docs/performance.md).
#include <coroscope/postgres.hpp>
#include <coroscope/run.hpp>
#include <coroscope/scope.hpp>
#include <coroscope/sync.hpp>
#include <coroscope/task_group.hpp>
#include <coroscope/time.hpp>

#include "../runtime/test_support.hpp"
#include "servers.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <stdexcept>
#include <string>

namespace coroscope {
namespace {

using namespace std::chrono_literals;
using testing::servers;

constexpr int accounts = 50;
constexpr long long initial_balance = 1'000'000;
constexpr int tasks = 10'000;
constexpr std::size_t connections = 20;
constexpr std::size_t concurrent_tasks = 100; // the rest wait their turn
const std::string application = "coroscope-soak";

struct injected_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class fault { none, query_error, cancelled, timed_out, killed };

fault pick_fault(std::mt19937& random) {
  const unsigned roll = random() % 100;
  if (roll < 4)
    return fault::query_error;
  if (roll < 8)
    return fault::cancelled;
  if (roll < 11)
    return fault::timed_out;
  if (roll < 13)
    return fault::killed;
  return fault::none;
}

task<void> create_accounts(pg::connection& conn) {
  co_await conn.execute("DROP TABLE IF EXISTS soak_transfers, soak_accounts");
  co_await conn.execute("CREATE TABLE soak_accounts (id int PRIMARY KEY, balance bigint NOT NULL)");
  co_await conn.execute("CREATE TABLE soak_transfers (id serial PRIMARY KEY, amount bigint)");
  co_await conn.execute("INSERT INTO soak_accounts SELECT id, $1 FROM generate_series(1, $2) AS id",
                        initial_balance, accounts);
}

/// One transfer, with \p injected thrown in after the debit.
task<void> transfer(pg::pool& pool, int from, int to, fault injected) {
  co_await async_with(pg::transaction(pool), [&](pg::connection& conn) -> task<> {
    co_await conn.query(
        "SELECT id FROM soak_accounts WHERE id IN ($1, $2) ORDER BY id FOR UPDATE", from, to);
    co_await conn.execute("UPDATE soak_accounts SET balance = balance - 1 WHERE id = $1", from);
    switch (injected) {
    case fault::query_error:
      co_await conn.query("SELECT 1 / 0");
      break;
    case fault::cancelled:
      co_await sleep_for(1h); // until the caller's timeout cancels it
      break;
    case fault::timed_out:
      co_await conn.query("SELECT pg_sleep(3600)"); // cancelled on the server
      break;
    case fault::killed:
      co_await conn.query("SELECT pg_terminate_backend(pg_backend_pid())");
      break;
    case fault::none:
      break;
    }
    co_await conn.execute("UPDATE soak_accounts SET balance = balance + 1 WHERE id = $1", to);
    co_await conn.execute("INSERT INTO soak_transfers (amount) VALUES (1)");
  });
}

TEST(Soak, TenThousandTransfersOnAPoolOfTwentyUnderRandomFaults) {
  testing::cleanup_error_capture reported; // failed ROLLBACKs of killed connections
  std::map<std::string, int> outcomes;
  double seconds = 0;
  run([&]() -> task<> {
    pg::connection admin = co_await pg::connect(servers::get().pg_dsn());
    co_await create_accounts(admin);
    pg::connection killer = co_await pg::connect(servers::get().pg_dsn());
    bool done = false;

    pool_options<pg::connection> sizes;
    sizes.min_size = 5;
    sizes.max_size = connections;
    pg::pool db = pg::make_pool(servers::get().pg_dsn() + " application_name=" + application, sizes);
    std::mt19937 random(17);
    async_semaphore turns(concurrent_tasks);
    const auto started = std::chrono::steady_clock::now();
    co_await async_with(db, [&](pg::pool& pool) -> task<> {
      auto one = [&](int from, int to, fault injected) -> task<> {
        auto turn = co_await turns.acquire();
        try {
          const auto limit = injected == fault::cancelled || injected == fault::timed_out ? 30ms : 60s;
          co_await timeout(limit, transfer(pool, from, to, injected));
          ++outcomes["committed"];
        } catch (const timeout_error& e) {
          const bool planned = injected == fault::cancelled || injected == fault::timed_out;
          ++outcomes[planned ? "cancelled or timed out" : "unexpected timeout: " + std::string(e.what())];
        } catch (const pg::error& e) {
          if (e.sqlstate() == "22012") // division by zero
            ++outcomes["query error"];
          else if (e.sqlstate() == "57P01" || e.sqlstate().empty())
            ++outcomes["killed"]; // admin_shutdown, or the connection gone: its own fault or the killer's
          else
            ++outcomes["unexpected error: " + std::string(e.what())];
        }
      };
      // Terminates one of the pool's backends at random every 50 ms, from
      // outside: in the middle of a transfer, or idle in the pool.
      auto killing = [&]() -> task<> {
        while (!done) {
          co_await sleep_for(50ms);
          co_await killer.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                "WHERE application_name = $1 ORDER BY random() LIMIT 1",
                                application);
        }
      };
      auto transfers = [&]() -> task<> {
        co_await with_task_group([&](task_group& group) -> task<> {
          for (int n = 0; n < tasks; ++n) {
            const int from = static_cast<int>(random() % accounts) + 1;
            const int to = from % accounts + 1;
            group.spawn(one(from, to, pick_fault(random)));
          }
          co_return;
        });
        done = true;
      };
      co_await when_all(transfers(), killing());
      seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      // Before the pool closes: every lease back, nothing left open on the server.
      EXPECT_EQ(pool.stats().in_use, 0u);
      EXPECT_EQ(pool.stats().waiting, 0u);
      EXPECT_LE(pool.stats().open, connections);
      for (int wait = 0; wait < 1000 && pool.stats().idle != pool.stats().open; ++wait)
        co_await sleep_for(10ms); // resets still running on the loop
      const pg::result open_transactions = co_await admin.query(
          "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 "
          "AND state <> 'idle'",
          application);
      EXPECT_EQ(open_transactions.value().as<int>(), 0);
    });
    EXPECT_EQ(db.stats(), (pool_stats{}));
    for (int wait = 0; wait < 500; ++wait) { // the server notices closed sockets on its own time
      const pg::result left = co_await admin.query(
          "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", application);
      if (left.value().as<int>() == 0)
        break;
      co_await sleep_for(10ms);
    }
    const pg::result left = co_await admin.query(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", application);
    EXPECT_EQ(left.value().as<int>(), 0) << "connections left open on the server";
    EXPECT_EQ((co_await admin.query("SELECT sum(balance) FROM soak_accounts")).value().as<long long>(),
              accounts * initial_balance);
    // A COMMIT cut off by a kill may have been carried out; never more.
    const int recorded = (co_await admin.query("SELECT count(*) FROM soak_transfers")).value().as<int>();
    EXPECT_GE(recorded, outcomes["committed"]);
    EXPECT_LE(recorded, outcomes["committed"] + outcomes["killed"]);
  }());

  int finished = 0;
  for (const auto& [what, count] : outcomes) {
    finished += count;
    EXPECT_TRUE(!what.starts_with("unexpected")) << what << " (" << count << " times)";
  }
  EXPECT_EQ(finished, tasks);
  for (const char* expected : {"committed", "query error", "cancelled or timed out", "killed"})
    EXPECT_GT(outcomes[expected], 0) << expected;
  std::printf("soak: %d tasks on a pool of %zu in %.1f s: %.0f tasks/s, %.0f commits/s "
              "(committed %d, query errors %d, cancelled or timed out %d, killed %d)\n",
              tasks, connections, seconds, tasks / seconds, outcomes["committed"] / seconds,
              outcomes["committed"], outcomes["query error"], outcomes["cancelled or timed out"],
              outcomes["killed"]);
}

} // namespace
} // namespace coroscope
