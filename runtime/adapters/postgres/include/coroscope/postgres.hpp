// coroscope/postgres.hpp - PostgreSQL on the event loop: pg::connection,
// pg::pool, pg::transaction.
//
// Python: asyncpg (connect, fetch, execute, create_pool) and the lesson's
// managed_transaction. libpq does the protocol; this adapter drives its
// non-blocking API from the loop's file descriptor readiness, so no libpq
// call ever blocks the loop thread. Link coroscope::postgres.
#ifndef COROSCOPE_POSTGRES_HPP
#define COROSCOPE_POSTGRES_HPP

#include <coroscope/pool.hpp>
#include <coroscope/task.hpp>

#include <charconv>
#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

struct pg_conn;   // libpq's PGconn
struct pg_result; // libpq's PGresult

namespace coroscope::pg {

/// Every failure of the adapter. what() names the server and what failed,
/// e.g. "postgres 127.0.0.1:5432/shop: query failed: ERROR:  relation
/// "acounts" does not exist". sqlstate() is the server's error code
/// ("42P01"), or empty when the failure is not the server's answer (a lost
/// connection, a refused connect).
class error : public std::runtime_error {
public:
  explicit error(const std::string& what, std::string sqlstate = {})
      : std::runtime_error(what), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const noexcept { return sqlstate_; }

private:
  std::string sqlstate_;
};

/// A query parameter, sent as text (the server converts it to the
/// parameter's type): strings as they are, numbers in their shortest exact
/// form, bool as true/false, std::nullopt or nullptr as NULL.
class param {
public:
  param(std::nullptr_t) noexcept {}
  param(std::nullopt_t) noexcept {}
  param(std::string text) noexcept : text_(std::move(text)) {}
  param(std::string_view text) : text_(std::string(text)) {}
  param(const char* text) : text_(std::string(text)) {}
  param(bool value) : text_(value ? "true" : "false") {}
  param(char) = delete; // a one-character string or a number? Say which.
  template <class V>
    requires(std::is_arithmetic_v<V> && !std::same_as<V, bool> && !std::same_as<V, char>)
  param(V value) {
    char buffer[64];
    const auto [end, status] = std::to_chars(buffer, buffer + sizeof buffer, value);
    text_.emplace(buffer, end);
  }
  template <class V>
  param(const std::optional<V>& value) {
    if (value)
      *this = param(*value);
  }

  bool is_null() const noexcept { return !text_; }
  /// The text sent; only for a parameter that is not NULL.
  const std::string& text() const noexcept { return *text_; }

private:
  std::optional<std::string> text_;
};

/// What pg::connect takes besides the DSN. Everything libpq knows (host
/// lists, connect_timeout, sslmode and the other TLS settings, ...) stays
/// in the DSN.
struct connect_options {
  /// How long any one query may run before it is cancelled on the server
  /// and the query throws timeout_error; unset: as long as it takes. The
  /// default bounds what nothing else would (a lock never released, a peer
  /// that stopped answering); set it to what the application's queries need.
  std::optional<std::chrono::milliseconds> query_timeout = std::chrono::minutes(5);
};

/// How long libpq may take to connect to one address when the DSN (or
/// PGCONNECT_TIMEOUT) does not say: libpq itself would wait forever.
inline constexpr std::chrono::seconds default_connect_timeout{10};

class result;
namespace detail {
struct session;
}

/// One value of a result: its text as the server sent it, or NULL. A view:
/// valid while its result lives.
class field {
public:
  bool is_null() const noexcept;
  /// The value as text ("" for NULL).
  std::string_view text() const noexcept;
  const char* column_name() const noexcept;

  /// The value converted: integers and floating point (from the text),
  /// bool (t/f), std::string, std::string_view; std::optional<V> gives
  /// nullopt for NULL. Throws pg::error naming the column for a NULL (unless
  /// optional) or a text that does not convert.
  template <class V>
  V as() const {
    if constexpr (is_optional<V>::value) {
      if (is_null())
        return std::nullopt;
      return as<typename V::value_type>();
    } else {
      if (is_null())
        throw_conversion_error("is NULL");
      const std::string_view value = text();
      if constexpr (std::same_as<V, std::string> || std::same_as<V, std::string_view>) {
        return V(value);
      } else if constexpr (std::same_as<V, bool>) {
        if (value != "t" && value != "f")
          throw_conversion_error("is not a boolean");
        return value == "t";
      } else {
        static_assert(std::is_arithmetic_v<V>, "field::as<V>: V is a number, bool, string or optional");
        V converted{};
        const auto [end, status] = std::from_chars(value.data(), value.data() + value.size(), converted);
        if (status != std::errc() || end != value.data() + value.size())
          throw_conversion_error("does not convert to the requested number type");
        return converted;
      }
    }
  }

private:
  friend class row;
  field(const result& owner, int row, int column) noexcept
      : owner_(&owner), row_(row), column_(column) {}
  template <class V>
  struct is_optional : std::false_type {};
  template <class V>
  struct is_optional<std::optional<V>> : std::true_type {};
  [[noreturn]] void throw_conversion_error(const char* problem) const;

  const result* owner_;
  int row_;
  int column_;
};

/// One row of a result, a view like field.
class row {
public:
  field operator[](int column) const noexcept { return field(*owner_, row_, column); }
  /// Throws pg::error when the result has no such column.
  field operator[](std::string_view column_name) const;
  int size() const noexcept;

private:
  friend class result;
  row(const result& owner, int index) noexcept : owner_(&owner), row_(index) {}
  const result* owner_;
  int row_;
};

/// What a query returned: rows of text fields (asyncpg's list of Records),
/// the command status and the number of rows affected. Move-only.
class result {
public:
  int rows() const noexcept;
  int columns() const noexcept;
  const char* column_name(int column) const noexcept;
  /// -1 when the result has no such column.
  int column_index(std::string_view name) const noexcept;

  row operator[](int index) const noexcept { return row(*this, index); }
  /// The first field of the first row: asyncpg's fetchval. Throws
  /// pg::error when the result has no rows.
  field value() const;

  /// The command tag, e.g. "UPDATE 1".
  std::string_view command_status() const noexcept;
  /// Rows inserted, updated, deleted, selected...; 0 when not applicable.
  std::uint64_t affected_rows() const noexcept;

  class iterator {
  public:
    using value_type = row;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    row operator*() const noexcept { return (*owner_)[index_]; }
    iterator& operator++() noexcept {
      ++index_;
      return *this;
    }
    iterator operator++(int) noexcept {
      iterator previous = *this;
      ++index_;
      return previous;
    }
    friend bool operator==(const iterator&, const iterator&) = default;

  private:
    friend class result;
    iterator(const result& owner, int index) noexcept : owner_(&owner), index_(index) {}
    const result* owner_ = nullptr;
    int index_ = 0;
  };
  iterator begin() const noexcept { return {*this, 0}; }
  iterator end() const noexcept { return {*this, rows()}; }

private:
  friend class field;
  friend class row;
  friend struct detail::session;
  result(std::shared_ptr<pg_result> handle, std::string server) noexcept
      : handle_(std::move(handle)), server_(std::move(server)) {}
  std::shared_ptr<pg_result> handle_;
  std::string server_;
};

/// One connection to a PostgreSQL server, for one task at a time (a query
/// in flight refuses another: std::logic_error). Made by pg::connect, or
/// lent by a pg::pool. Move-only; destroying it closes it.
class connection {
public:
  connection(connection&&) noexcept;
  connection& operator=(connection&&) noexcept;
  ~connection();

  /// Runs \p sql (one statement; $1, $2... are the \p args, sent as text)
  /// and gives its rows. Throws pg::error with the server's message and
  /// SQLSTATE for an SQL error (the connection stays usable), or for a lost
  /// connection (it does not).
  ///
  /// A cancellation point: cancelling the awaiting task cancels the query on
  /// the server (PQcancel, on a worker thread), waits until the server has
  /// ended it (at most 5 s; longer and the connection is closed instead),
  /// then throws cancelled. The connection stays usable. A query that runs
  /// longer than connect_options::query_timeout is cancelled the same way
  /// and throws timeout_error naming the server.
  template <class... Args>
  task<result> query(std::string sql, Args&&... args) {
    return query_params(std::move(sql), std::vector<param>{param(std::forward<Args>(args))...});
  }
  task<result> query_params(std::string sql, std::vector<param> params);

  /// As query, for a statement run for its effect: gives the number of rows
  /// it affected.
  template <class... Args>
  task<std::uint64_t> execute(std::string sql, Args&&... args) {
    return execute_params(std::move(sql), std::vector<param>{param(std::forward<Args>(args))...});
  }
  task<std::uint64_t> execute_params(std::string sql, std::vector<param> params);

  /// Connected, not broken, no query in flight. Without a round trip: it
  /// first reads what the server sent unasked, so that a server that shut
  /// the connection down (a restart) is noticed. pg::pool's health check.
  bool probe() noexcept;
  /// As probe, without reading anything.
  bool is_usable() const noexcept;
  /// Whether a transaction block is open (BEGIN without COMMIT/ROLLBACK yet).
  bool in_transaction() const noexcept;
  /// How long since the last query ended (or the connection was made).
  std::chrono::steady_clock::duration idle_for() const noexcept;

  /// Runs \p sql (no parameters) within \p limit, and if it does not finish
  /// in time, or the awaiting task is cancelled, closes the connection
  /// instead of cancelling the query on the server: for statements after
  /// which a connection that failed is dropped anyway (a ROLLBACK in
  /// cleanup, a pool's reset or health check), so that a peer that stopped
  /// answering cannot hold them up. Throws pg::error ("... did not finish
  /// within N ms; the connection was closed").
  task<result> query_or_close(std::string sql, std::chrono::milliseconds limit);

  /// Closes the connection (libpq's PQfinish, which does not block). A
  /// query another task is waiting for ends at once with pg::error ("the
  /// connection was closed"), and the connection closes when it has.
  void close() noexcept;

  /// "host:port/database", as in the messages of pg::error.
  const std::string& server() const noexcept;

  /// libpq's handle, for what the adapter does not wrap; null once closed.
  pg_conn* native_handle() const noexcept;

private:
  friend task<connection> connect(std::string dsn, connect_options options);
  explicit connection(std::unique_ptr<detail::session> session) noexcept;
  std::unique_ptr<detail::session> session_;
};

/// Connects to the server \p dsn names: a libpq connection string
/// ("host=db port=5432 dbname=shop user=app password=...") or URI
/// ("postgresql://app@db/shop"); what it leaves out comes from the PG*
/// environment variables, as in psql. asyncpg.connect.
///
/// Tries every address in order, as libpq does: each host of a host list
/// (host=a,b port=5432,5433), and each address a host name resolves to
/// (resolved on a worker thread), until one connects. Each attempt is
/// bounded by connect_timeout (DSN or PGCONNECT_TIMEOUT, at least 2 s as in
/// libpq; default_connect_timeout when neither says), which the adapter
/// enforces on the loop: libpq ignores it under PQconnectPoll. TLS
/// settings (sslmode, sslrootcert, ...) pass through to libpq.
///
/// A cancellation point. Throws pg::error for a malformed DSN, an
/// unresolvable host, a refused or timed-out connection, a failed
/// authentication, naming the server and what every attempt met. No
/// message ever contains the password, whatever form the DSN has.
task<connection> connect(std::string dsn, connect_options options = {});

/// A pool of connections: pool<connection>.
using pool = coroscope::pool<connection>;

/// A pool of connections to \p dsn: connect() opens them, close() closes
/// them. The pool's name (in its errors) defaults to "postgres
/// host:port/database". Unless \p options has its own:
///
/// - health check: probe() (a connection a server restart broke is closed
///   on checkout and replaced), and for a connection idle for a second or
///   more a `SELECT 1` round trip bounded by 2 s, which finds a half-open
///   connection (a peer that stopped answering) before a borrower does;
/// - reset, when a lease returns its connection: ROLLBACK if its user left
///   a transaction open (so its row locks are released now, not at the next
///   checkout), then DISCARD ALL, as pgbouncer resets a server connection;
///   each bounded by 5 s, and a connection that fails them is closed.
///
///   pg::pool db = pg::make_pool(dsn, {.min_size = 2, .max_size = 10});
pool make_pool(std::string dsn, pool_options<connection> options = {},
               connect_options connecting = {});

/// A transaction as an async resource, the lesson's managed_transaction:
/// async_enter acquires a connection (from a pool) and sends BEGIN;
/// async_exit sends COMMIT when the body succeeded and ROLLBACK when it
/// failed or was cancelled (async_with runs it shielded, so a cancelled
/// body still rolls back), then returns the connection to the pool.
/// A connection whose ROLLBACK (or COMMIT) failed, or that broke on the
/// way, is discarded, not returned to the pool. The ROLLBACK is bounded
/// (rollback_timeout): past it the connection is closed and discarded, and
/// the failure reported, so that a cancelled task always finishes. A failing COMMIT is thrown
/// from async_exit (so the scope fails); a failing ROLLBACK is thrown too,
/// and the scope keeps the body's exception and reports it.
///
///   co_await async_with(pg::transaction(db), [&](pg::connection& conn) -> task<> {
///     co_await conn.execute("UPDATE accounts SET balance = balance - $1 WHERE id = $2", 10, 1);
///   });
class transaction {
public:
  /// How long the ROLLBACK of a failed or cancelled body may take before the
  /// connection is closed instead (and discarded): a cleanup that waits on a
  /// peer that stopped answering must still end.
  static constexpr std::chrono::milliseconds default_rollback_timeout{5000};

  /// A transaction on a connection acquired from \p source for its scope.
  explicit transaction(pool& source,
                       std::chrono::milliseconds rollback_timeout = default_rollback_timeout) noexcept
      : pool_(&source), rollback_timeout_(rollback_timeout) {}
  /// A transaction on the connection \p held is lent; a broken one is
  /// discarded through the lease.
  explicit transaction(pool::lease& held,
                       std::chrono::milliseconds rollback_timeout = default_rollback_timeout) noexcept
      : lease_(&held), rollback_timeout_(rollback_timeout) {}
  transaction(transaction&&) noexcept;
  transaction& operator=(transaction&&) = delete;
  ~transaction();

  task<connection&> async_enter();
  task<bool> async_exit(std::exception_ptr error);

private:
  task<void> finish(std::exception_ptr error);

  pool* pool_ = nullptr;
  pool::lease* lease_ = nullptr;
  std::optional<pool::lease> owned_;
  std::chrono::milliseconds rollback_timeout_;
};

} // namespace coroscope::pg

#endif
