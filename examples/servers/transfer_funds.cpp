// Part 5: managed_transaction and transfer_funds, on a real PostgreSQL.
//
// pg::transaction is the lesson's managed_transaction: it takes a connection
// from the pool and sends BEGIN; when the body succeeds it sends COMMIT,
// when it fails (or is cancelled) ROLLBACK; the connection goes back to the
// pool either way (or is closed, if its ROLLBACK failed). The server:
//   eval "$(scripts/servers.sh start && scripts/servers.sh env)"
#include "../lesson/lesson.hpp"

#include <coroscope/postgres.hpp>
#include <coroscope/scope.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

using coroscope::async_with;
using coroscope::task;
namespace pg = coroscope::pg;

task<void> transfer_funds(pg::pool& pool, int from_id, int to_id, long long amount) {
  co_await async_with(pg::transaction(pool), [&](pg::connection& conn) -> task<void> {
    const pg::result from = co_await conn.query(
        "SELECT balance FROM lesson_accounts WHERE id = $1 FOR UPDATE", from_id);
    const long long balance = from.value().as<long long>();
    if (balance < amount)
      throw lesson::value_error("Insufficient funds: " + std::to_string(balance) + " < " +
                                std::to_string(amount));
    co_await conn.execute("UPDATE lesson_accounts SET balance = balance - $1 WHERE id = $2",
                          amount, from_id);
    co_await conn.execute("UPDATE lesson_accounts SET balance = balance + $1 WHERE id = $2",
                          amount, to_id);
    // Transaction commits automatically when the block exits without error
  });
}

task<void> print_balances(pg::pool& pool) {
  auto conn = co_await pool.acquire();
  const pg::result accounts =
      co_await conn->query("SELECT id, balance FROM lesson_accounts ORDER BY id");
  for (const pg::row account : accounts)
    std::printf("account %s: %s\n", account["id"].as<std::string>().c_str(),
                account["balance"].as<std::string>().c_str());
}

task<void> transfer(pg::pool& pool, int from_id, int to_id, long long amount) {
  std::printf("transfer %lld from %d to %d: ", amount, from_id, to_id);
  try {
    co_await transfer_funds(pool, from_id, to_id, amount);
    std::printf("committed\n");
  } catch (const lesson::value_error& e) {
    std::printf("rolled back (ValueError: %s)\n", e.what());
  }
}

task<void> amain() {
  const char* dsn = std::getenv("COROSCOPE_PG_DSN");
  if (dsn == nullptr)
    throw lesson::value_error("set COROSCOPE_PG_DSN (scripts/servers.sh env)");
  coroscope::pool_options<pg::connection> options;
  options.min_size = 2;
  options.max_size = 5;
  pg::pool db = pg::make_pool(dsn, options);
  co_await async_with(db, [](pg::pool& pool) -> task<void> {
    {
      auto conn = co_await pool.acquire();
      co_await conn->execute("DROP TABLE IF EXISTS lesson_accounts");
      co_await conn->execute(
          "CREATE TABLE lesson_accounts (id int PRIMARY KEY, balance bigint NOT NULL)");
      co_await conn->execute("INSERT INTO lesson_accounts VALUES (1, 100), (2, 50)");
    }
    co_await print_balances(pool);
    co_await transfer(pool, 1, 2, 30);
    co_await transfer(pool, 2, 1, 500);
    co_await print_balances(pool);
  });
}

int main() { return lesson::run(amain()); }
