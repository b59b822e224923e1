// redis::client: hiredis's asynchronous API on the loop.
//
// hiredis asks for I/O through five hooks (addRead, delRead, addWrite,
// delWrite, cleanup) and expects the event library to call
// redisAsyncHandleRead/Write when the socket is ready. Here the hooks only
// record what hiredis wants; the I/O is done by whichever task waits for a
// reply and holds the client's `driving` lock: it waits for the socket with
// wait_readable/wait_writable and hands readiness to hiredis until its own
// reply has come. Only that task calls into hiredis's I/O, so hiredis never
// frees the connection (which it does on an error) under another waiter.
#include <coroscope/redis.hpp>

#include "resolve.hpp"

#include <coroscope/run.hpp>
#include <coroscope/sync.hpp>
#include <coroscope/time.hpp>

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include <chrono>
#include <new>
#include <optional>
#include <utility>

#include <csignal>
#include <ctime>

#include <pthread.h>
#include <sys/socket.h>

namespace coroscope::redis {

const std::string& reply::text() const {
  if (const auto* bulk = std::get_if<std::string>(&value))
    return *bulk;
  if (const auto* simple = std::get_if<status>(&value))
    return simple->text;
  throw error("redis: the reply is not a string");
}

long long reply::integer() const {
  if (const auto* number = std::get_if<long long>(&value))
    return *number;
  throw error("redis: the reply is not an integer");
}

const reply::array& reply::elements() const {
  if (const auto* items = std::get_if<array>(&value))
    return *items;
  throw error("redis: the reply is not an array");
}

namespace detail {
namespace {

reply convert(const redisReply& raw) {
  switch (raw.type) {
  case REDIS_REPLY_STRING:
    return {std::string(raw.str, raw.len)};
  case REDIS_REPLY_INTEGER:
    return {raw.integer};
  case REDIS_REPLY_STATUS:
    return {status{std::string(raw.str, raw.len)}};
  case REDIS_REPLY_ERROR:
    return {error_reply{std::string(raw.str, raw.len)}};
  case REDIS_REPLY_ARRAY: {
    reply::array items;
    items.reserve(raw.elements);
    for (std::size_t i = 0; i < raw.elements; ++i)
      items.push_back(convert(*raw.element[i]));
    return {std::move(items)};
  }
  default:
    return {nil{}};
  }
}

/// hiredis writes with write(2): to a connection the server has closed,
/// that raises SIGPIPE, which kills the process unless ignored. As libpq
/// does, a write runs with SIGPIPE blocked on this thread, and a SIGPIPE it
/// raised is taken back before unblocking; the failed write itself is
/// reported by hiredis as a lost connection.
class sigpipe_suppressed {
public:
  sigpipe_suppressed() noexcept {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_, &previous_);
    already_pending_ = pending();
  }
  ~sigpipe_suppressed() {
    if (!already_pending_ && pending()) {
      const timespec no_wait{};
      sigtimedwait(&pipe_, nullptr, &no_wait);
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  sigpipe_suppressed(const sigpipe_suppressed&) = delete;
  sigpipe_suppressed& operator=(const sigpipe_suppressed&) = delete;

private:
  static bool pending() noexcept {
    sigset_t waiting;
    sigpending(&waiting);
    return sigismember(&waiting, SIGPIPE) == 1;
  }
  sigset_t pipe_{};
  sigset_t previous_{};
  bool already_pending_ = false;
};

void handle_write(redisAsyncContext* context) noexcept {
  const sigpipe_suppressed quiet;
  redisAsyncHandleWrite(context);
}

/// The reply slot of one command. Owned by the task awaiting it until the
/// reply comes; a task that stops waiting (cancelled) leaves it `abandoned`
/// to hiredis, whose callback then frees it. hiredis calls the callback
/// exactly once per command: with the reply, or with none when the
/// connection goes away.
struct pending_reply {
  std::optional<reply> value;
  std::string failure;
  bool done = false;
  bool abandoned = false;
};

} // namespace

struct connection_state {
  connection_state() = default;
  connection_state(const connection_state&) = delete;
  connection_state& operator=(const connection_state&) = delete;
  ~connection_state() {
    if (context != nullptr)
      redisAsyncFree(context); // fails the pending commands; cleanup() clears `context`
  }

  /// Does the client's I/O until \p slot is filled (see the file comment).
  task<void> drive_until(const pending_reply& slot) {
    if (slot.done)
      co_return;
    auto turn = co_await driving.lock();
    while (!slot.done && context != nullptr) {
      const int fd = context->c.fd;
      if (want_write) {
        co_await wait_writable(fd);
        handle_write(context);
      } else {
        co_await wait_readable(fd);
        redisAsyncHandleRead(context);
      }
    }
  }

  error failure(const std::string& what) const {
    return error("redis " + server + ": " + what + (last_error.empty() ? "" : ": " + last_error));
  }

  void attach(redisAsyncContext* attached) noexcept {
    context = attached;
    attached->data = this;
    attached->ev.data = this;
    attached->ev.addRead = [](void* self) { static_cast<connection_state*>(self)->want_read = true; };
    attached->ev.delRead = [](void* self) { static_cast<connection_state*>(self)->want_read = false; };
    attached->ev.addWrite = [](void* self) { static_cast<connection_state*>(self)->want_write = true; };
    attached->ev.delWrite = [](void* self) { static_cast<connection_state*>(self)->want_write = false; };
    attached->ev.cleanup = [](void* self) { static_cast<connection_state*>(self)->detach(); };
  }

  // hiredis is about to free the context (an error, or redisAsyncFree).
  void detach() noexcept {
    if (context->err != 0 && context->errstr != nullptr && last_error.empty())
      last_error = context->errstr;
    if (last_error.empty())
      last_error = "the connection was closed";
    context = nullptr;
    want_read = want_write = false;
  }

  static void on_connect(const redisAsyncContext* connecting, int status) {
    auto& self = *static_cast<connection_state*>(connecting->data);
    if (status == REDIS_OK)
      self.connected = true;
    else
      self.last_error = connecting->c.errstr;
  }

  static void on_reply(redisAsyncContext* from, void* raw, void* target) {
    auto* slot = static_cast<pending_reply*>(target);
    if (slot->abandoned) {
      delete slot;
      return;
    }
    const auto& state = *static_cast<const connection_state*>(from->data);
    if (raw != nullptr)
      slot->value = convert(*static_cast<redisReply*>(raw));
    else if (!state.last_error.empty()) // close() said why
      slot->failure = state.last_error;
    else
      slot->failure = from->err != 0 ? from->errstr : "the connection was closed";
    slot->done = true;
  }

  redisAsyncContext* context = nullptr; // null once hiredis freed it
  std::string server;                   // host:port
  std::string last_error;               // why the connection ended
  std::chrono::steady_clock::time_point last_used = std::chrono::steady_clock::now();
  bool connected = false;
  bool want_read = false;
  bool want_write = false;
  async_mutex driving;
};

} // namespace detail

task<client> connect(client_options options) {
  const std::string server = options.host + ":" + std::to_string(options.port);
  std::string address;
  try {
    address = co_await adapters::resolve_host(options.host);
  } catch (const std::runtime_error& e) {
    throw error("redis " + server + ": connect failed: " + e.what());
  }
  auto state = std::make_unique<detail::connection_state>();
  state->server = server;
  redisAsyncContext* context = redisAsyncConnect(address.c_str(), options.port);
  if (context == nullptr)
    throw std::bad_alloc();
  if (context->err != 0) {
    state->last_error = context->errstr;
    redisAsyncFree(context);
    throw state->failure("connect failed");
  }
  state->attach(context);
  // hiredis learns that the connection is made from the first writable
  // event, which setting the connect callback asks for.
  redisAsyncSetConnectCallback(context, &detail::connection_state::on_connect);
  while (!state->connected && state->context != nullptr) {
    co_await wait_writable(state->context->c.fd);
    detail::handle_write(state->context);
  }
  if (!state->connected)
    throw state->failure("connect failed");
  client connected(std::move(state));
  if (!options.password.empty()) {
    try {
      if (options.username.empty())
        co_await connected.command("AUTH", options.password);
      else
        co_await connected.command("AUTH", options.username, options.password);
    } catch (const command_error& refused) {
      // The server's words ("WRONGPASS invalid username-password pair ..."),
      // which never repeat the password.
      const std::string said = refused.what();
      const std::size_t reply = said.find(": AUTH: ");
      throw error("redis " + server + ": authentication failed" +
                  (options.username.empty() ? "" : " for user \"" + options.username + "\"") +
                  ": " + (reply == std::string::npos ? said : said.substr(reply + 8)));
    }
  }
  if (options.database != 0)
    co_await connected.command("SELECT", options.database);
  co_return connected;
}

client::client(std::unique_ptr<detail::connection_state> state) noexcept : state_(std::move(state)) {}
client::client(client&&) noexcept = default;
client& client::operator=(client&&) noexcept = default;
client::~client() = default;

task<reply> client::command_argv(std::vector<std::string> arguments) {
  if (!state_)
    throw std::logic_error("coroscope::redis::client used after it was moved from");
  if (arguments.empty())
    throw std::invalid_argument("coroscope::redis::client::command: no command name");
  detail::connection_state& state = *state_;
  const std::string& name = arguments.front();
  if (state.context == nullptr)
    throw state.failure(name + " failed: not connected");

  std::vector<const char*> pointers;
  std::vector<std::size_t> lengths;
  for (const std::string& argument : arguments) {
    pointers.push_back(argument.data());
    lengths.push_back(argument.size());
  }
  auto* slot = new detail::pending_reply;
  if (redisAsyncCommandArgv(state.context, &detail::connection_state::on_reply, slot,
                            static_cast<int>(arguments.size()), pointers.data(),
                            lengths.data()) != REDIS_OK) {
    delete slot;
    throw state.failure(name + " failed: the connection is closing");
  }
  struct claim {
    detail::pending_reply* slot;
    ~claim() {
      if (slot->done)
        delete slot;
      else
        slot->abandoned = true; // hiredis frees it when the reply comes
    }
  } owned{slot};

  co_await state.drive_until(*slot);
  state.last_used = std::chrono::steady_clock::now();
  if (!slot->done) // the client was closed under the command
    throw state.failure(name + " failed");
  if (!slot->failure.empty())
    throw error("redis " + state.server + ": " + name + " failed: " + slot->failure);
  if (const auto* refused = std::get_if<error_reply>(&slot->value->value))
    throw command_error("redis " + state.server + ": " + name + ": " + refused->message);
  co_return std::move(*slot->value);
}

bool client::probe() noexcept {
  if (!state_ || state_->context == nullptr)
    return false;
  // Nobody drives while the client is idle, so reading here is safe: it
  // finds nothing, or the end of a connection the server closed (hiredis
  // then frees the context, and detach() records why).
  if (!state_->driving.locked() && state_->context->replies.head == nullptr)
    redisAsyncHandleRead(state_->context);
  return state_->context != nullptr;
}

bool client::is_connected() const noexcept { return state_ && state_->context != nullptr; }

std::chrono::steady_clock::duration client::idle_for() const noexcept {
  if (!state_)
    return {};
  return std::chrono::steady_clock::now() - state_->last_used;
}

void client::close() noexcept {
  if (!state_ || state_->context == nullptr)
    return;
  if (state_->driving.locked()) {
    // A task waits on the socket: wake it with an end of stream; its read
    // then makes hiredis fail the pending commands and free the context.
    state_->last_error = "the client was closed";
    ::shutdown(state_->context->c.fd, SHUT_RDWR);
    return;
  }
  redisAsyncFree(state_->context);
}

const std::string& client::server() const noexcept {
  static const std::string none = "(moved-from client)";
  return state_ ? state_->server : none;
}

namespace {

using namespace std::chrono_literals;

// A client idle this long gets a PING on checkout, bounded by ping_timeout:
// probe() alone cannot tell a server that stopped answering.
constexpr auto ping_after_idle = 1s;
constexpr auto ping_timeout = 2s;

task<bool> healthy(client& redis) {
  if (!redis.probe())
    co_return false;
  if (redis.idle_for() >= ping_after_idle)
    co_await timeout(ping_timeout, redis.command("PING")); // timeout_error: broken
  co_return redis.is_connected();
}

} // namespace

pool make_pool(client_options options, pool_options<client> settings) {
  if (settings.name == pool_options<client>().name)
    settings.name = "redis " + options.host + ":" + std::to_string(options.port);
  if (!settings.health_check)
    settings.health_check = healthy;
  return pool([options] { return connect(options); },
              [](client& redis) -> task<void> {
                redis.close();
                co_return;
              },
              std::move(settings));
}

} // namespace coroscope::redis
