// The state behind a pg::connection, at a fixed address (libpq's notice
// receiver points at it), and the helpers the sources share.
#ifndef COROSCOPE_POSTGRES_SRC_SESSION_HPP
#define COROSCOPE_POSTGRES_SRC_SESSION_HPP

#include <coroscope/postgres.hpp>

#include <libpq-fe.h>

#include <sys/socket.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace coroscope::pg {

/// \p message without its trailing newlines and blanks; libpq ends every
/// message with one.
std::string trimmed(const char* message);

namespace detail {

/// host:port/database of \p dsn, as the errors name it; pg::error for a
/// malformed one.
std::string server_of(const std::string& dsn);

/// What a query does when its task is cancelled (or its time is up).
enum class on_interrupt {
  cancel_on_server, // PQcancel, then drain: the connection stays usable
  hang_up,          // close the connection: it is dropped anyway
};

struct session {
  session() = default;
  session(const session&) = delete;
  session& operator=(const session&) = delete;
  ~session() {
    if (conn != nullptr)
      PQfinish(conn);
  }

  /// Sends \p sql with \p params and gives its result; see connection::query.
  task<result> run(std::string sql, std::vector<param> params,
                   on_interrupt interrupted = on_interrupt::cancel_on_server);
  /// run() within query_timeout, if set.
  task<result> run_bounded(std::string sql, std::vector<param> params);

  bool usable() const noexcept {
    return conn != nullptr && !broken && !busy && PQstatus(conn) == CONNECTION_OK;
  }
  /// Closes the connection now; while a query is in flight, wakes the task
  /// that waits for it with an end of stream instead, and closes once that
  /// task is done with it: closing the socket under a waiting task would
  /// leave it waiting forever.
  void close() noexcept {
    if (conn == nullptr)
      return;
    if (busy) {
      close_requested = true;
      ::shutdown(PQsocket(conn), SHUT_RDWR);
      return;
    }
    PQfinish(conn);
    conn = nullptr;
  }

  /// pg::error "SERVER: WHAT: libpq's message (and the server's last words)".
  error failure(const std::string& what) const;

  PGconn* conn = nullptr;
  std::string server;       // host:port/database
  std::optional<std::chrono::milliseconds> query_timeout;
  std::chrono::steady_clock::time_point last_used = std::chrono::steady_clock::now();
  bool busy = false;        // a query is in flight
  bool broken = false;      // no longer fit for queries, though libpq may not know yet
  bool close_requested = false; // close() came while a query was in flight
  std::string last_words;   // a FATAL notice the server sent before it hung up

private:
  task<void> flush();
  task<result> collect();
  task<void> cancel_and_drain();
  task<void> drain();
};

} // namespace detail
} // namespace coroscope::pg

#endif
