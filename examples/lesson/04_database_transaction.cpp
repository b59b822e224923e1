// Part 2: the asynccontextmanager decorator. An async_context is a resource
// written as one coroutine: everything before the co_yield enters, the
// yielded value is what the body gets, everything after it exits.
//
// The lesson's database_transaction needs a connection; this one is a toy
// that prints what a database would do. The lesson prints nothing for this
// example; the program runs it once with a body that succeeds and once with
// one that fails.
#include "lesson.hpp"

#include <coroscope/async_context.hpp>
#include <coroscope/scope.hpp>

#include <cstdio>
#include <exception>

using coroscope::async_context;
using coroscope::async_with;
using coroscope::task;

struct transaction {
  int id;
  task<void> commit() {
    std::printf("transaction %d: COMMIT\n", id);
    co_return;
  }
  task<void> rollback() {
    std::printf("transaction %d: ROLLBACK\n", id);
    co_return;
  }
};

struct connection {
  int transactions = 0;
  task<transaction> begin() {
    const int id = ++transactions;
    std::printf("transaction %d: BEGIN\n", id);
    co_return transaction{id};
  }
};

/// Manage a database transaction with auto-commit/rollback.
async_context<transaction> database_transaction(connection& conn) {
  transaction tx = co_await conn.begin();
  // co_yield gives back how the body ended: null, or its exception, which
  // the runtime re-raises once this function has finished.
  std::exception_ptr failure = co_yield tx;
  if (failure)
    co_await tx.rollback();
  else
    co_await tx.commit();
}

task<void> amain() {
  connection conn;
  co_await async_with(database_transaction(conn), [](transaction& tx) -> task<void> {
    std::printf("transaction %d: UPDATE accounts SET balance = balance - 100 WHERE id = 1\n",
                tx.id);
    co_return;
  });
  try {
    co_await async_with(database_transaction(conn), [](transaction& tx) -> task<void> {
      std::printf("transaction %d: SELECT balance FROM accounts WHERE id = 2\n", tx.id);
      throw lesson::value_error("Insufficient funds: 50 < 100");
    });
  } catch (const lesson::value_error& e) {
    std::printf("Caught: ValueError: %s\n", e.what());
  }
}

int main() { return lesson::run(amain()); }
