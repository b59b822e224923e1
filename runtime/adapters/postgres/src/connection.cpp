// pg::connect and pg::connection: libpq's non-blocking API driven by the
// loop's fd readiness.
#include "session.hpp"

#include "resolve.hpp"

#include <coroscope/blocking.hpp>
#include <coroscope/cancel.hpp>
#include <coroscope/run.hpp>
#include <coroscope/time.hpp>

#include <array>
#include <chrono>
#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace coroscope::pg {

std::string trimmed(const char* message) {
  std::string text = message != nullptr ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
    text.pop_back();
  return text;
}

namespace detail {
namespace {

// How long a cancelled query may take to end on the server before the
// connection is closed instead.
constexpr auto cancel_grace = std::chrono::seconds(5);

struct conninfo_free {
  void operator()(PQconninfoOption* options) const noexcept { PQconninfoFree(options); }
};
using conninfo_ptr = std::unique_ptr<PQconninfoOption, conninfo_free>;

struct cancel_free {
  void operator()(PGcancel* request) const noexcept { PQfreeCancel(request); }
};

const char* find(const PQconninfoOption* options, std::string_view keyword) noexcept {
  for (; options->keyword != nullptr; ++options)
    if (keyword == options->keyword)
      return options->val;
  return nullptr;
}

/// A DSN taken apart: what libpq will be given, and whom it names.
struct connect_parameters {
  std::vector<std::string> keywords;
  std::vector<std::string> values;
  std::string host;     // as given (names, comma-separated), or empty
  bool has_hostaddr = false;
  std::string server;   // host:port/database, for messages

  void set(std::string keyword, std::string value) {
    keywords.push_back(std::move(keyword));
    values.push_back(std::move(value));
  }
};

/// Parses \p dsn (PQconninfoParse and the PG* environment, as libpq would).
/// Throws pg::error for a malformed one.
connect_parameters parse(const std::string& dsn) {
  char* message = nullptr;
  conninfo_ptr given(PQconninfoParse(dsn.c_str(), &message));
  if (!given) {
    const std::string why = message != nullptr ? trimmed(message) : "out of memory";
    PQfreemem(message);
    throw error("postgres: bad connection string: " + why);
  }
  conninfo_ptr defaults(PQconndefaults()); // PG* variables, the service file, built-ins
  auto value = [&](std::string_view keyword) -> std::string {
    if (const char* set = find(given.get(), keyword))
      return set;
    if (defaults)
      if (const char* fallback = find(defaults.get(), keyword))
        return fallback;
    return {};
  };

  connect_parameters parameters;
  for (const PQconninfoOption* option = given.get(); option->keyword != nullptr; ++option)
    if (option->val != nullptr)
      parameters.set(option->keyword, option->val);
  parameters.host = value("host");
  parameters.has_hostaddr = !value("hostaddr").empty();
  if (find(given.get(), "host") == nullptr && !parameters.host.empty())
    parameters.set("host", parameters.host); // from PGHOST: its names are resolved too
  const std::string port = value("port");
  const std::string user = value("user");
  std::string database = value("dbname");
  parameters.server = (parameters.host.empty() ? std::string("local socket") : parameters.host) +
                      ":" + (port.empty() ? std::string("5432") : port) + "/" +
                      (database.empty() ? user : database);
  return parameters;
}

/// Adds hostaddr for host names, resolved on a worker thread, so that
/// PQconnectPoll does no DNS lookup on the loop thread. Socket directories
/// and numeric addresses need none.
task<void> resolve_hosts(connect_parameters& parameters) {
  if (parameters.has_hostaddr || parameters.host.empty())
    co_return;
  std::string addresses;
  bool resolved_any = false;
  std::string_view rest = parameters.host;
  for (bool first = true; first || !rest.empty(); first = false) {
    const std::size_t comma = rest.find(',');
    const std::string name(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (!first)
      addresses += ',';
    if (name.empty() || name.front() == '/' || name.front() == '@')
      continue;
    try {
      addresses += co_await adapters::resolve_host(name);
    } catch (const std::runtime_error& e) {
      throw error("postgres " + parameters.server + ": connect failed: " + e.what());
    }
    resolved_any = true;
  }
  if (resolved_any)
    parameters.set("hostaddr", addresses);
}

void on_notice(void* target, const PGresult* notice) noexcept {
  const char* severity = PQresultErrorField(notice, PG_DIAG_SEVERITY_NONLOCALIZED);
  if (severity == nullptr || (std::strcmp(severity, "FATAL") != 0 && std::strcmp(severity, "PANIC") != 0))
    return; // NOTICE, WARNING...: not the adapter's business, and never printed
  auto& owner = *static_cast<session*>(target);
  owner.broken = true;
  owner.last_words = trimmed(PQresultErrorMessage(notice));
}

} // namespace

std::string server_of(const std::string& dsn) { return parse(dsn).server; }

error session::failure(const std::string& what) const {
  std::string message = "postgres " + server + ": " + what;
  if (close_requested)
    return error(message + ": the connection was closed");
  if (conn != nullptr)
    if (std::string reason = trimmed(PQerrorMessage(conn)); !reason.empty())
      message += ": " + reason;
  if (!last_words.empty())
    message += " (the server said: " + last_words + ")";
  return error(message);
}

task<result> session::run(std::string sql, std::vector<param> params) {
  if (conn == nullptr)
    throw error("postgres " + server + ": the connection is closed");
  if (busy)
    throw std::logic_error("coroscope::pg::connection to " + server +
                           ": a query is already in flight; one query at a time per connection");
  if (!usable())
    throw failure("the connection is broken");
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const param& each : params)
    values.push_back(each.is_null() ? nullptr : each.text().c_str());
  if (PQsendQueryParams(conn, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                        nullptr, nullptr, 0) == 0)
    throw failure("cannot send the query");

  struct in_flight {
    explicit in_flight(session& owner) noexcept : owner(owner) { owner.busy = true; }
    ~in_flight() {
      owner.busy = false;
      if (owner.close_requested)
        owner.close();
    }
    session& owner;
  } guard(*this);

  std::optional<result> answer;
  std::exception_ptr interrupted;
  try {
    co_await flush();
    answer.emplace(co_await collect());
  } catch (const error&) {
    throw; // the server's answer, or a lost connection: nothing to cancel
  } catch (...) {
    interrupted = std::current_exception(); // cancelled, most likely
  }
  if (interrupted) {
    try {
      co_await shield(timeout(cancel_grace, cancel_and_drain()));
    } catch (const std::exception&) {
      close(); // the server did not end the query in time; hang up on it
    }
    std::rethrow_exception(interrupted);
  }
  co_return std::move(*answer);
}

task<void> session::flush() {
  for (;;) {
    const int status = PQflush(conn);
    if (status == 0)
      co_return;
    if (status < 0)
      throw failure("cannot send the query");
    co_await wait_writable(PQsocket(conn));
  }
}

task<result> session::collect() {
  std::shared_ptr<pg_result> last;
  std::optional<error> first_error;
  for (;;) {
    while (PQisBusy(conn) != 0) {
      co_await wait_readable(PQsocket(conn));
      if (PQconsumeInput(conn) == 0) {
        broken = true;
        throw failure("the connection was lost while waiting for the result");
      }
    }
    PGresult* next = PQgetResult(conn);
    if (next == nullptr)
      break;
    std::shared_ptr<pg_result> owned(next, &PQclear);
    switch (PQresultStatus(next)) {
    case PGRES_TUPLES_OK:
    case PGRES_COMMAND_OK:
    case PGRES_EMPTY_QUERY:
      last = std::move(owned);
      break;
    case PGRES_COPY_IN:
    case PGRES_COPY_OUT:
    case PGRES_COPY_BOTH:
      broken = true; // a COPY in progress cannot be left halfway
      throw error("postgres " + server + ": COPY is not supported by coroscope::pg");
    default: {
      if (first_error)
        break;
      const char* state = PQresultErrorField(next, PG_DIAG_SQLSTATE);
      first_error.emplace("postgres " + server + ": query failed: " +
                              trimmed(PQresultErrorMessage(next)) +
                              (last_words.empty() ? "" : " (the server said: " + last_words + ")"),
                          state != nullptr ? state : "");
      break;
    }
    }
  }
  if (PQstatus(conn) != CONNECTION_OK)
    broken = true;
  if (first_error)
    throw *first_error;
  if (!last)
    throw failure("the server sent no result");
  co_return result(std::move(last), server);
}

task<void> session::cancel_and_drain() {
  co_await flush(); // what is left of the query, if sending it was interrupted
  if (PGcancel* request = PQgetCancel(conn)) {
    // PQcancel opens a connection of its own and waits for the server:
    // blocking, so on a worker. It owns the request; the connection may be
    // gone by the time it runs. Named first: g++ 12 and lambdas in co_await.
    auto send_cancel = [owned = std::unique_ptr<PGcancel, cancel_free>(request)] {
      std::array<char, 256> reason{};
      // A failed request leaves the query to end on its own: the drain waits.
      PQcancel(owned.get(), reason.data(), static_cast<int>(reason.size()));
    };
    co_await run_blocking(std::move(send_cancel));
  }
  co_await drain();
}

task<void> session::drain() {
  for (;;) {
    while (PQisBusy(conn) != 0) {
      co_await wait_readable(PQsocket(conn));
      if (PQconsumeInput(conn) == 0) {
        broken = true;
        co_return;
      }
    }
    PGresult* next = PQgetResult(conn);
    if (next == nullptr)
      co_return;
    PQclear(next);
  }
}

} // namespace detail

task<connection> connect(std::string dsn) {
  detail::connect_parameters parameters = detail::parse(dsn);
  co_await detail::resolve_hosts(parameters);

  std::vector<const char*> keywords;
  std::vector<const char*> values;
  for (std::size_t i = 0; i < parameters.keywords.size(); ++i) {
    keywords.push_back(parameters.keywords[i].c_str());
    values.push_back(parameters.values[i].c_str());
  }
  keywords.push_back(nullptr);
  values.push_back(nullptr);

  auto owner = std::make_unique<detail::session>();
  detail::session& s = *owner;
  s.server = parameters.server;
  s.conn = PQconnectStartParams(keywords.data(), values.data(), 0);
  if (s.conn == nullptr)
    throw std::bad_alloc();
  PQsetNoticeReceiver(s.conn, &detail::on_notice, &s);
  if (PQstatus(s.conn) == CONNECTION_BAD)
    throw s.failure("connect failed");
  // As libpq asks: start as if PQconnectPoll had said "writing".
  PostgresPollingStatusType state = PGRES_POLLING_WRITING;
  while (state != PGRES_POLLING_OK) {
    if (state == PGRES_POLLING_FAILED)
      throw s.failure("connect failed");
    // The socket may change between polls (another address, another host).
    if (state == PGRES_POLLING_READING)
      co_await wait_readable(PQsocket(s.conn));
    else
      co_await wait_writable(PQsocket(s.conn));
    state = PQconnectPoll(s.conn);
  }
  if (PQsetnonblocking(s.conn, 1) != 0)
    throw s.failure("cannot switch the connection to non-blocking mode");
  // Names the server as libpq ended up reaching it.
  s.server = std::string(PQhost(s.conn)) + ":" + PQport(s.conn) + "/" + PQdb(s.conn);
  co_return connection(std::move(owner));
}

connection::connection(std::unique_ptr<detail::session> session) noexcept
    : session_(std::move(session)) {}
connection::connection(connection&&) noexcept = default;
connection& connection::operator=(connection&&) noexcept = default;
connection::~connection() = default;

task<result> connection::query_params(std::string sql, std::vector<param> params) {
  if (!session_)
    throw std::logic_error("coroscope::pg::connection used after it was moved from");
  return session_->run(std::move(sql), std::move(params));
}

task<std::uint64_t> connection::execute_params(std::string sql, std::vector<param> params) {
  const result done = co_await query_params(std::move(sql), std::move(params));
  co_return done.affected_rows();
}

bool connection::probe() noexcept {
  if (!session_ || session_->conn == nullptr || session_->busy)
    return false;
  // Whatever the server sent unasked: a FATAL notice (the notice receiver
  // marks the session broken), then the end of the stream, which the second
  // read sees.
  for (int read = 0; read < 2 && PQconsumeInput(session_->conn) == 1; ++read) {
  }
  return session_->usable();
}

bool connection::is_usable() const noexcept { return session_ && session_->usable(); }

bool connection::in_transaction() const noexcept {
  if (!session_ || session_->conn == nullptr)
    return false;
  const PGTransactionStatusType status = PQtransactionStatus(session_->conn);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

void connection::close() noexcept {
  if (session_)
    session_->close();
}

const std::string& connection::server() const noexcept {
  static const std::string none = "(moved-from connection)";
  return session_ ? session_->server : none;
}

pg_conn* connection::native_handle() const noexcept {
  return session_ ? session_->conn : nullptr;
}

} // namespace coroscope::pg
