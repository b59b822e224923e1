// coroscope/redis.hpp - Redis on the event loop: redis::client and the
// distributed redis::lock.
//
// Python: redis.asyncio's client and the lesson's distributed_lock. hiredis
// (0.14) does the protocol through its asynchronous API; this adapter plugs
// that API's event hooks into the loop's fd readiness, so no call blocks the
// loop thread. Link coroscope::redis.
#ifndef COROSCOPE_REDIS_HPP
#define COROSCOPE_REDIS_HPP

#include <coroscope/pool.hpp>
#include <coroscope/task.hpp>

#include <charconv>
#include <chrono>
#include <concepts>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace coroscope::redis {

/// Every failure of the adapter; what() names the server and what failed,
/// e.g. "redis 127.0.0.1:6379: connect failed: Connection refused".
class error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// The server answered a command with an error reply ("WRONGTYPE ...").
/// The connection stays usable.
class command_error : public error {
public:
  using error::error;
};

/// redis::lock could not take the lock before its acquire timeout.
class lock_timeout : public error {
public:
  using error::error;
};

/// Releasing a redis::lock found it no longer ours: it had expired (its ttl
/// was shorter than the critical section) and may have been taken by
/// another holder, whose lock was left alone. The critical section was not
/// protected to its end.
class lock_not_owned : public error {
public:
  using error::error;
};

struct nil {
  friend bool operator==(nil, nil) noexcept = default;
};
/// A status reply: +OK, +PONG.
struct status {
  std::string text;
  friend bool operator==(const status&, const status&) = default;
};
/// An error reply inside an array (EXEC, EVAL); at the top level, errors are
/// thrown as command_error.
struct error_reply {
  std::string message;
  friend bool operator==(const error_reply&, const error_reply&) = default;
};

/// A reply, as a small variant: nil, a bulk string, an integer, a status,
/// an error (inside arrays), or an array of replies.
struct reply {
  using array = std::vector<reply>;
  std::variant<nil, std::string, long long, status, error_reply, array> value;

  bool is_nil() const noexcept { return std::holds_alternative<nil>(value); }
  /// A bulk string's or a status's text; throws redis::error otherwise.
  const std::string& text() const;
  /// Throws redis::error unless the reply is an integer.
  long long integer() const;
  /// Throws redis::error unless the reply is an array.
  const array& elements() const;

  friend bool operator==(const reply&, const reply&) = default;
};

/// Where and as whom to connect. Debian's hiredis (0.14) has no TLS: to
/// reach a Redis that requires it, run a TLS tunnel (stunnel, or a sidecar)
/// on the client's host and connect to its local end (docs/runtime.md).
struct client_options {
  std::string host = "127.0.0.1";
  int port = 6379;
  /// An ACL user (Redis 6+): sent as AUTH username password. Empty: the
  /// password alone authenticates the default user (requirepass).
  std::string username;
  /// Sent with AUTH after connecting, when not empty; never in a message.
  std::string password;
  /// Chosen with SELECT after connecting, when not 0.
  int database = 0;
};

namespace detail {
struct connection_state;

template <class V>
std::string to_argument(V&& value) {
  if constexpr (std::is_arithmetic_v<std::remove_cvref_t<V>>) {
    static_assert(!std::same_as<std::remove_cvref_t<V>, bool>, "send bool as \"0\"/\"1\" explicitly");
    char buffer[64];
    const auto [end, status] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, end);
  } else {
    return std::string(std::string_view(value));
  }
}
} // namespace detail

/// One connection to a Redis server. Commands from several tasks may share
/// it: they are sent in turn, each after the previous one's reply (for
/// round trips in parallel, use several clients, e.g. a pool). Move-only;
/// destroying it closes it. A client must outlive the commands awaited on it.
class client {
public:
  client(client&&) noexcept;
  client& operator=(client&&) noexcept;
  ~client();

  /// Sends a command (name and arguments; strings and numbers, binary-safe)
  /// and gives its reply: `co_await redis.command("SET", key, value, "PX", 500)`.
  /// Throws command_error for an error reply, redis::error when the
  /// connection is lost or closed (the client then stays unusable).
  /// A cancellation point: a cancelled task stops waiting, the command
  /// still runs on the server, and its reply is dropped when it comes.
  template <class... Args>
  task<reply> command(Args&&... args) {
    return command_argv({detail::to_argument(std::forward<Args>(args))...});
  }
  task<reply> command_argv(std::vector<std::string> arguments);

  /// Connected and not closed. Without a round trip: it first reads what
  /// the server sent unasked, so that a server that hung up is noticed.
  /// redis::make_pool's health check.
  bool probe() noexcept;
  bool is_connected() const noexcept;
  /// How long since the last reply (or the connect).
  std::chrono::steady_clock::duration idle_for() const noexcept;

  /// Closes the connection; commands other tasks are waiting for fail at
  /// once with redis::error ("... failed: the client was closed").
  void close() noexcept;

  /// "host:port", as in the messages of redis::error.
  const std::string& server() const noexcept;

private:
  friend task<client> connect(client_options options);
  explicit client(std::unique_ptr<detail::connection_state> state) noexcept;
  std::unique_ptr<detail::connection_state> state_;
};

/// Connects to the server \p options names (the host resolved on a worker
/// thread, the connection made on the loop), then authenticates and selects
/// the database if asked to. A cancellation point. Throws redis::error
/// naming the server: "redis 127.0.0.1:6390: connect failed: Connection
/// refused".
task<client> connect(client_options options = {});

/// A pool of clients: pool<client>.
using pool = coroscope::pool<client>;

/// A pool of clients connected with \p options, named "redis host:port".
/// Unless \p settings has its own health check: probe(), and for a client
/// idle a second or more a PING bounded by 2 s, which finds a server that
/// stopped answering (a half-open connection) before a borrower does.
pool make_pool(client_options options, pool_options<client> settings = {});

struct lock_options {
  /// How long async_enter (acquire) keeps trying before lock_timeout.
  std::chrono::milliseconds acquire_timeout = std::chrono::seconds(10);
  /// Retry delays grow from the first to the longest (doubling, with
  /// random jitter so that competing holders do not retry in step).
  std::chrono::milliseconds first_retry = std::chrono::milliseconds(5);
  std::chrono::milliseconds longest_retry = std::chrono::milliseconds(200);
};

/// A distributed lock on \p key, as an async resource: the lesson's
/// distributed_lock, with retries instead of failing at once.
///
/// async_enter takes it with `SET key token NX PX ttl` (token: 128 random
/// bits), retrying with backoff until the acquire timeout (lock_timeout).
/// async_exit releases it with a compare-and-delete Lua script, so a lock
/// that expired and was taken by another holder is never deleted; finding
/// it gone or taken throws lock_not_owned. The ttl bounds how long a
/// crashed holder blocks the others: it must exceed the critical section.
/// An acquire cancelled while its SET is on the way waits for the answer
/// (one round trip, at most the ttl) and, if the SET took the lock,
/// releases it before the cancellation goes on.
///
///   co_await async_with(redis::lock(client, "lock:payment:42", 30s), [&](redis::lock&) -> task<> {
///     co_await execute_payment(42);
///   });
class lock {
public:
  lock(client& redis, std::string key, std::chrono::milliseconds ttl, lock_options options = {});

  /// One attempt: true when the lock is now ours. Cancelled, it still
  /// reads the SET's answer and gives back a lock it took, then throws
  /// cancelled.
  task<bool> try_acquire();
  /// Attempts until taken, or throws lock_timeout.
  task<void> acquire();
  /// Compare-and-delete; lock_not_owned when it was no longer ours.
  task<void> release();

  task<lock&> async_enter();
  task<bool> async_exit(std::exception_ptr error);

  const std::string& key() const noexcept { return key_; }
  /// The random value that marks the lock as ours.
  const std::string& token() const noexcept { return token_; }
  /// Taken and not yet released (it may have expired meanwhile).
  bool held() const noexcept { return held_; }

private:
  client* redis_;
  std::string key_;
  std::string token_;
  std::chrono::milliseconds ttl_;
  lock_options options_;
  bool held_ = false;
};

} // namespace coroscope::redis

#endif
