// pg::transaction and pg::make_pool.
#include "session.hpp"

#include <stdexcept>
#include <utility>

namespace coroscope::pg {

pool make_pool(std::string dsn, pool_options<connection> options) {
  if (options.name == pool_options<connection>().name)
    options.name = "postgres " + detail::server_of(dsn);
  if (!options.health_check)
    options.health_check = [](connection& conn) -> task<bool> {
      // Alive, and not left inside a transaction block by its last user.
      co_return conn.probe() && !conn.in_transaction();
    };
  return pool([dsn] { return connect(dsn); },
              [](connection& conn) -> task<void> {
                conn.close();
                co_return;
              },
              std::move(options));
}

transaction::transaction(transaction&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)), lease_(std::exchange(other.lease_, nullptr)) {
  if (other.owned_ && lease_ == &*other.owned_) {
    owned_ = std::move(other.owned_);
    lease_ = &*owned_;
  }
  other.owned_.reset();
}

transaction::~transaction() = default;

task<connection&> transaction::async_enter() {
  if (pool_ != nullptr) {
    owned_.emplace(co_await std::exchange(pool_, nullptr)->acquire());
    lease_ = &*owned_;
  } else if (lease_ == nullptr || !*lease_ || (*lease_)->in_transaction()) {
    throw std::logic_error("coroscope::pg::transaction entered twice, or on a connection that is "
                           "already in a transaction; a transaction is single-use");
  }
  connection& conn = **lease_;
  try {
    co_await conn.execute("BEGIN");
  } catch (...) {
    // Cancelled or failed: whatever state BEGIN left behind is not reused.
    if (!conn.is_usable() || conn.in_transaction())
      lease_->discard();
    throw;
  }
  co_return conn;
}

task<bool> transaction::async_exit(std::exception_ptr body_error) {
  // Shielded by the scope that runs it (async_with, exit_stack).
  std::exception_ptr failure;
  try {
    co_await finish(std::move(body_error));
  } catch (...) {
    failure = std::current_exception();
  }
  if (owned_)
    co_await owned_->async_release(); // a discarded connection is closed before the scope ends
  if (failure)
    std::rethrow_exception(failure);
  co_return false;
}

task<void> transaction::finish(std::exception_ptr body_error) {
  if (lease_ == nullptr || !*lease_)
    co_return;
  connection& conn = **lease_;
  try {
    if (body_error) {
      co_await conn.execute("ROLLBACK");
    } else {
      const result committed = co_await conn.query("COMMIT");
      // COMMIT of a transaction in which a statement failed (and the body
      // caught the error) rolls back, and says so only in its tag.
      if (committed.command_status() == "ROLLBACK")
        throw error("postgres " + conn.server() +
                    ": COMMIT rolled the transaction back: a statement in it had failed");
    }
  } catch (...) {
    if (body_error || !conn.is_usable() || conn.in_transaction())
      lease_->discard(); // a connection whose ROLLBACK failed is not reused
    throw;
  }
  if (!conn.is_usable() || conn.in_transaction())
    lease_->discard();
}

} // namespace coroscope::pg
