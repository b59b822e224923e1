// pg::transaction and pg::make_pool.
#include "session.hpp"

#include <chrono>
#include <stdexcept>
#include <utility>

namespace coroscope::pg {

namespace {

using namespace std::chrono_literals;

// A connection idle this long gets a round trip on checkout, bounded by
// ping_timeout: probe() alone cannot tell a peer that stopped answering.
constexpr auto ping_after_idle = 1s;
constexpr std::chrono::milliseconds ping_timeout = 2s;
// How long a returned connection's ROLLBACK and DISCARD ALL may take.
constexpr std::chrono::milliseconds reset_timeout = 5s;

task<bool> healthy(connection& conn) {
  if (!conn.probe() || conn.in_transaction())
    co_return false;
  if (conn.idle_for() >= ping_after_idle)
    co_await conn.query_or_close("SELECT 1", ping_timeout); // a failure is an answer: broken
  co_return conn.is_usable();
}

/// What pgbouncer does with a server connection given back: nothing of its
/// last user's session stays, an open transaction least of all (its row
/// locks would be held while the connection sits idle).
task<bool> reset(connection& conn) {
  if (!conn.is_usable())
    co_return false;
  if (conn.in_transaction())
    co_await conn.query_or_close("ROLLBACK", reset_timeout);
  co_await conn.query_or_close("DISCARD ALL", reset_timeout);
  co_return conn.is_usable() && !conn.in_transaction();
}

} // namespace

pool make_pool(std::string dsn, pool_options<connection> options, connect_options connecting) {
  if (options.name == pool_options<connection>().name)
    options.name = "postgres " + detail::server_of(dsn);
  if (!options.health_check)
    options.health_check = healthy;
  if (!options.reset)
    options.reset = reset;
  return pool([dsn, connecting] { return connect(dsn, connecting); },
              [](connection& conn) -> task<void> {
                conn.close();
                co_return;
              },
              std::move(options));
}

transaction::transaction(transaction&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)), lease_(std::exchange(other.lease_, nullptr)),
      rollback_timeout_(other.rollback_timeout_) {
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
      co_await conn.query_or_close("ROLLBACK", rollback_timeout_);
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
