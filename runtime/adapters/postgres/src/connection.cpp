// pg::connect and pg::connection: libpq's non-blocking API driven by the
// loop's fd readiness.
#include "session.hpp"

#include "resolve.hpp"

#include <coroscope/blocking.hpp>
#include <coroscope/cancel.hpp>
#include <coroscope/run.hpp>
#include <coroscope/time.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

// --- secrets ---------------------------------------------------------------

/// \p text with its %XX escapes decoded, as libpq decodes a URI.
std::string percent_decoded(std::string_view text) {
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned value = 0;
    if (text[i] == '%' && i + 2 < text.size() &&
        std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16).ptr ==
            text.data() + i + 3) {
      decoded += static_cast<char>(value);
      i += 2;
    } else {
      decoded += text[i];
    }
  }
  return decoded;
}

/// Every form the password may take in \p dsn and in what libpq says about
/// it, found without trusting the DSN to be well formed (libpq quotes a
/// malformed one back): the URI's user info and password= settings, as
/// written and decoded. Longest first, so that one containing another is
/// masked whole.
std::vector<std::string> passwords_in(std::string_view dsn) {
  std::vector<std::string> found;
  auto add = [&](std::string_view written) {
    found.emplace_back(written);
    found.push_back(percent_decoded(written));
  };
  for (std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (!dsn.starts_with(scheme))
      continue;
    const std::string_view rest = dsn.substr(scheme.size());
    if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) {
      const std::string_view user_info = rest.substr(0, at);
      if (const std::size_t colon = user_info.find(':'); colon != std::string_view::npos)
        add(user_info.substr(colon + 1));
    }
  }
  // password=VALUE, a keyword or a URI parameter: VALUE quoted (with
  // backslash escapes) or up to the next blank or '&'.
  constexpr std::string_view keyword = "password";
  for (std::size_t at = dsn.find(keyword); at != std::string_view::npos;
       at = dsn.find(keyword, at + 1)) {
    std::size_t i = at + keyword.size();
    while (i < dsn.size() && dsn[i] == ' ')
      ++i;
    if (i >= dsn.size() || dsn[i] != '=')
      continue;
    for (++i; i < dsn.size() && dsn[i] == ' ';)
      ++i;
    if (i < dsn.size() && dsn[i] == '\'') {
      const std::size_t quoted = i;
      std::string value;
      for (++i; i < dsn.size() && dsn[i] != '\''; ++i)
        value += dsn[i] == '\\' && i + 1 < dsn.size() ? dsn[++i] : dsn[i];
      found.push_back(std::move(value));
      found.emplace_back(dsn.substr(quoted + 1, i - quoted - 1)); // escapes and all
    } else {
      const std::size_t end = dsn.find_first_of(" &", i);
      add(dsn.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
    }
  }
  std::erase(found, std::string());
  std::sort(found.begin(), found.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return found;
}

/// \p message with every one of \p secrets masked.
std::string redacted(std::string message, const std::vector<std::string>& secrets) {
  constexpr std::string_view mask = "********";
  for (const std::string& secret : secrets)
    for (std::size_t at = message.find(secret); at != std::string::npos;
         at = message.find(secret, at + mask.size()))
      message.replace(at, secret.size(), mask);
  return message;
}

// --- connecting ------------------------------------------------------------

/// One place libpq is asked to connect to.
struct address {
  std::string host;     // as named: TLS checks the server's name against it
  std::string hostaddr; // numeric, or empty for a socket directory
  std::string port;     // empty: libpq's default
};

/// A DSN taken apart: what libpq will be given, and whom it names.
struct connect_parameters {
  std::vector<std::string> keywords; // everything but the address
  std::vector<std::string> values;
  std::vector<std::string> hosts;     // one per entry of a host list
  std::vector<std::string> hostaddrs; // one per entry, or none
  std::vector<std::string> ports;     // one per entry, one for all, or none
  std::optional<std::chrono::milliseconds> connect_timeout = default_connect_timeout;
  std::string server;                 // host:port/database, for messages
  std::vector<std::string> secrets;   // masked in every message

  void set(std::string keyword, std::string value) {
    keywords.push_back(std::move(keyword));
    values.push_back(std::move(value));
  }
};

std::vector<std::string> split_list(const std::string& list) {
  std::vector<std::string> items;
  if (list.empty())
    return items;
  std::size_t start = 0;
  for (std::size_t comma; (comma = list.find(',', start)) != std::string::npos; start = comma + 1)
    items.push_back(list.substr(start, comma - start));
  items.push_back(list.substr(start));
  return items;
}

/// libpq's connect_timeout: whole seconds, at least 2; zero or negative
/// waits as long as libpq would (for ever).
std::optional<std::chrono::milliseconds> connect_timeout_of(const std::string& setting,
                                                            const std::string& server) {
  if (setting.empty())
    return default_connect_timeout;
  int seconds = 0;
  const auto [end, status] = std::from_chars(setting.data(), setting.data() + setting.size(), seconds);
  if (status != std::errc() || end != setting.data() + setting.size())
    throw error("postgres " + server + ": bad connect_timeout \"" + setting +
                "\" (a whole number of seconds)");
  if (seconds <= 0)
    return std::nullopt;
  return std::chrono::seconds(std::max(seconds, 2));
}

/// Parses \p dsn (PQconninfoParse and the PG* environment, as libpq would).
/// Throws pg::error for a malformed one, without the password.
connect_parameters parse(const std::string& dsn) {
  connect_parameters parameters;
  parameters.secrets = passwords_in(dsn);
  char* message = nullptr;
  conninfo_ptr given(PQconninfoParse(dsn.c_str(), &message));
  if (!given) {
    const std::string why = message != nullptr ? trimmed(message) : "out of memory";
    PQfreemem(message);
    throw error("postgres: bad connection string: " + redacted(why, parameters.secrets));
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

  constexpr std::array<std::string_view, 4> address_keywords = {"host", "hostaddr", "port",
                                                                "connect_timeout"};
  for (const PQconninfoOption* option = given.get(); option->keyword != nullptr; ++option)
    if (option->val != nullptr && std::find(address_keywords.begin(), address_keywords.end(),
                                            option->keyword) == address_keywords.end())
      parameters.set(option->keyword, option->val);
  if (std::string password = value("password"); !password.empty())
    parameters.secrets.insert(parameters.secrets.begin(), std::move(password));
  const std::string host = value("host");
  const std::string port = value("port");
  const std::string user = value("user");
  const std::string database = value("dbname");
  parameters.server = (host.empty() ? std::string("local socket") : host) + ":" +
                      (port.empty() ? std::string("5432") : port) + "/" +
                      (database.empty() ? user : database);
  parameters.hosts = split_list(host);
  parameters.hostaddrs = split_list(value("hostaddr"));
  parameters.ports = split_list(port);
  parameters.connect_timeout = connect_timeout_of(value("connect_timeout"), parameters.server);
  const std::size_t entries = std::max(parameters.hosts.size(), parameters.hostaddrs.size());
  if ((!parameters.hosts.empty() && !parameters.hostaddrs.empty() &&
       parameters.hosts.size() != parameters.hostaddrs.size()) ||
      (parameters.ports.size() > 1 && parameters.ports.size() != entries))
    throw error("postgres " + parameters.server +
                ": bad connection string: the host, hostaddr and port lists differ in length");
  return parameters;
}

/// Every address to try, in libpq's order: each entry of the host list, and
/// for a host name each address it resolves to (on a worker thread: libpq
/// would look it up on the loop thread, blocking).
task<std::vector<address>> addresses_of(const connect_parameters& parameters) {
  std::vector<address> found;
  const std::size_t entries =
      std::max<std::size_t>({parameters.hosts.size(), parameters.hostaddrs.size(), 1});
  for (std::size_t i = 0; i < entries; ++i) {
    const std::string host = i < parameters.hosts.size() ? parameters.hosts[i] : "";
    const std::string port = parameters.ports.empty()       ? ""
                             : parameters.ports.size() == 1 ? parameters.ports[0]
                                                            : parameters.ports[i];
    if (i < parameters.hostaddrs.size() && !parameters.hostaddrs[i].empty()) {
      found.push_back({host, parameters.hostaddrs[i], port});
    } else if (host.empty() || host.front() == '/' || host.front() == '@') {
      found.push_back({host, "", port}); // libpq's default, or a socket directory
    } else {
      std::vector<std::string> numeric;
      try {
        numeric = co_await adapters::resolve_addresses(host);
      } catch (const std::runtime_error& e) {
        throw error("postgres " + parameters.server + ": connect failed: " + e.what());
      }
      for (std::string& each : numeric)
        found.push_back({host, std::move(each), port});
    }
  }
  co_return found;
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

task<result> session::run_bounded(std::string sql, std::vector<param> params) {
  if (!query_timeout)
    co_return co_await run(std::move(sql), std::move(params));
  try {
    co_return co_await timeout(*query_timeout, run(std::move(sql), std::move(params)));
  } catch (const timeout_error&) {
    throw timeout_error("postgres " + server + ": the query did not finish within " +
                        std::to_string(query_timeout->count()) +
                        " ms (the query timeout) and was cancelled on the server");
  }
}

task<result> session::run(std::string sql, std::vector<param> params, on_interrupt interrupted_means) {
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
      owner.last_used = std::chrono::steady_clock::now();
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
    if (interrupted_means == on_interrupt::hang_up) {
      close();
      std::rethrow_exception(interrupted);
    }
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

namespace detail {
namespace {

/// One attempt at \p at: libpq's connect, polled on the loop. Throws
/// pg::error with libpq's message; the caller bounds it in time.
task<std::unique_ptr<session>> connect_to(const connect_parameters& parameters, const address& at) {
  std::vector<const char*> keywords;
  std::vector<const char*> values;
  for (std::size_t i = 0; i < parameters.keywords.size(); ++i) {
    keywords.push_back(parameters.keywords[i].c_str());
    values.push_back(parameters.values[i].c_str());
  }
  for (const auto& [keyword, value] : {std::pair{"host", &at.host}, std::pair{"hostaddr", &at.hostaddr},
                                       std::pair{"port", &at.port}}) {
    if (value->empty())
      continue;
    keywords.push_back(keyword);
    values.push_back(value->c_str());
  }
  keywords.push_back(nullptr);
  values.push_back(nullptr);

  auto owner = std::make_unique<session>();
  session& s = *owner;
  s.server = parameters.server;
  s.conn = PQconnectStartParams(keywords.data(), values.data(), 0);
  if (s.conn == nullptr)
    throw std::bad_alloc();
  PQsetNoticeReceiver(s.conn, &on_notice, &s);
  // As libpq asks: start as if PQconnectPoll had said "writing".
  PostgresPollingStatusType state =
      PQstatus(s.conn) == CONNECTION_BAD ? PGRES_POLLING_FAILED : PGRES_POLLING_WRITING;
  while (state != PGRES_POLLING_OK) {
    if (state == PGRES_POLLING_FAILED)
      throw error(trimmed(PQerrorMessage(s.conn)));
    if (state == PGRES_POLLING_READING)
      co_await wait_readable(PQsocket(s.conn));
    else
      co_await wait_writable(PQsocket(s.conn));
    state = PQconnectPoll(s.conn);
  }
  co_return owner;
}

/// "connection to server at "HOST" (ADDRESS), port PORT", as libpq names one.
std::string describe(const address& at) {
  std::string text = "connection to server at \"" + (at.host.empty() ? at.hostaddr : at.host) + "\"";
  if (!at.hostaddr.empty() && at.hostaddr != at.host)
    text += " (" + at.hostaddr + ")";
  return text + ", port " + (at.port.empty() ? std::string("5432") : at.port);
}

} // namespace
} // namespace detail

task<connection> connect(std::string dsn, connect_options options) {
  const detail::connect_parameters parameters = detail::parse(dsn);
  const std::vector<detail::address> addresses = co_await detail::addresses_of(parameters);

  // libpq moves on to the next address when one fails, but under
  // PQconnectPoll it never gives up on one that does not answer: each
  // attempt is bounded here instead, and the next address tried.
  std::string failures;
  for (const detail::address& at : addresses) {
    std::string failure;
    try {
      std::unique_ptr<detail::session> connected;
      if (parameters.connect_timeout)
        connected = co_await timeout(*parameters.connect_timeout, detail::connect_to(parameters, at));
      else
        connected = co_await detail::connect_to(parameters, at);
      detail::session& s = *connected;
      if (PQsetnonblocking(s.conn, 1) != 0)
        throw s.failure("cannot switch the connection to non-blocking mode");
      // Names the server as libpq ended up reaching it.
      s.server = std::string(PQhost(s.conn)) + ":" + PQport(s.conn) + "/" + PQdb(s.conn);
      s.query_timeout = options.query_timeout;
      co_return connection(std::move(connected));
    } catch (const timeout_error&) {
      failure = detail::describe(at) + " failed: timeout expired after " +
                std::to_string(parameters.connect_timeout->count()) + " ms (connect_timeout)";
    } catch (const error& e) {
      failure = e.what();
    }
    failures += (failures.empty() ? "" : "; ") + failure;
  }
  throw error(detail::redacted("postgres " + parameters.server + ": connect failed: " + failures,
                               parameters.secrets));
}

connection::connection(std::unique_ptr<detail::session> session) noexcept
    : session_(std::move(session)) {}
connection::connection(connection&&) noexcept = default;
connection& connection::operator=(connection&&) noexcept = default;
connection::~connection() = default;

task<result> connection::query_params(std::string sql, std::vector<param> params) {
  if (!session_)
    throw std::logic_error("coroscope::pg::connection used after it was moved from");
  return session_->run_bounded(std::move(sql), std::move(params));
}

task<result> connection::query_or_close(std::string sql, std::chrono::milliseconds limit) {
  if (!session_)
    throw std::logic_error("coroscope::pg::connection used after it was moved from");
  const std::string statement = sql;
  try {
    co_return co_await timeout(
        limit, session_->run(std::move(sql), {}, detail::on_interrupt::hang_up));
  } catch (const timeout_error&) {
    throw error("postgres " + session_->server + ": " + statement + " did not finish within " +
                std::to_string(limit.count()) + " ms; the connection was closed");
  }
}

std::chrono::steady_clock::duration connection::idle_for() const noexcept {
  if (!session_)
    return {};
  return std::chrono::steady_clock::now() - session_->last_used;
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
