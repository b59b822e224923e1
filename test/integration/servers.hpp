// The real servers the integration tests run against, as scripts/servers.sh
// started them: settings come from the environment (eval "$(scripts/
// servers.sh env)"), or else from the file COROSCOPE_SERVERS_ENV names
// (what the CTest fixture sets).
#ifndef COROSCOPE_TEST_INTEGRATION_SERVERS_HPP
#define COROSCOPE_TEST_INTEGRATION_SERVERS_HPP

#include <coroscope/blocking.hpp>
#include <coroscope/redis.hpp>
#include <coroscope/task.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

namespace coroscope::testing {

class servers {
public:
  static const servers& get() {
    static const servers found;
    return found;
  }

  std::string setting(const std::string& key) const {
    if (const char* set = std::getenv(key.c_str()))
      return set;
    if (auto found = file_.find(key); found != file_.end())
      return found->second;
    throw std::runtime_error(
        "no " + key +
        ": run the integration tests through ctest (its fixture starts the servers), or "
        "start them by hand: eval \"$(scripts/servers.sh start && scripts/servers.sh env)\"");
  }

  std::string pg_dsn() const { return setting("COROSCOPE_PG_DSN"); }
  std::string pg_host() const { return setting("COROSCOPE_PG_HOST"); }
  int pg_port() const { return std::stoi(setting("COROSCOPE_PG_PORT")); }
  std::string pg_user() const { return setting("COROSCOPE_PG_USER"); }
  std::string pg_database() const { return setting("COROSCOPE_PG_DATABASE"); }
  std::string pg_password() const { return setting("COROSCOPE_PG_PASSWORD"); }
  std::string pg_ca_cert() const { return setting("COROSCOPE_PG_CA_CERT"); }
  std::string pg_other_ca_cert() const { return setting("COROSCOPE_PG_OTHER_CA_CERT"); }
  std::string redis_host() const { return setting("COROSCOPE_REDIS_HOST"); }
  int redis_port() const { return std::stoi(setting("COROSCOPE_REDIS_PORT")); }
  int redis_acl_port() const { return std::stoi(setting("COROSCOPE_REDIS_ACL_PORT")); }
  std::string redis_acl_user() const { return setting("COROSCOPE_REDIS_ACL_USER"); }
  std::string redis_acl_password() const { return setting("COROSCOPE_REDIS_ACL_PASSWORD"); }
  redis::client_options redis_options() const {
    redis::client_options options;
    options.host = redis_host();
    options.port = redis_port();
    return options;
  }

  /// Runs `servers.sh ACTION WHICH` (start, stop, restart; postgres or
  /// redis) on a worker thread, as the script blocks until it is done.
  task<void> control(std::string action, std::string which) const {
    const std::string command = setting("COROSCOPE_SERVERS") + " " + action + " " + which;
    auto run_script = [command] {
      if (std::system(command.c_str()) != 0)
        throw std::runtime_error("failed: " + command);
    };
    co_await run_blocking(std::move(run_script));
  }

private:
  servers() {
    const char* path = std::getenv("COROSCOPE_SERVERS_ENV");
    if (path == nullptr)
      return;
    std::ifstream lines(path);
    for (std::string line; std::getline(lines, line);)
      if (const auto equals = line.find('='); equals != std::string::npos)
        file_[line.substr(0, equals)] = line.substr(equals + 1);
  }
  std::map<std::string, std::string> file_;
};

/// A loopback port nothing listens on (bound, then released).
inline int unused_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

/// A TCP listener of our own on loopback that accepts connections (the
/// kernel completes the handshake) and never answers: a server that hangs.
class silent_listener {
public:
  silent_listener() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(fd_, 64) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0)
      throw std::runtime_error("cannot open a loopback listener");
    port_ = ntohs(address.sin_port);
  }
  ~silent_listener() { ::close(fd_); }
  silent_listener(const silent_listener&) = delete;
  silent_listener& operator=(const silent_listener&) = delete;

  int port() const noexcept { return port_; }

private:
  int fd_;
  int port_ = 0;
};

/// Stops a server process (SIGSTOP) for its lifetime: its connections stay
/// open and nothing answers on them, a peer that stopped answering. As
/// root this reaches the `postgres` user's backends too.
class frozen_process {
public:
  explicit frozen_process(int pid) : pid_(pid) {
    if (::kill(pid_, SIGSTOP) != 0)
      throw std::runtime_error("cannot stop process " + std::to_string(pid_));
  }
  ~frozen_process() { ::kill(pid_, SIGCONT); }
  frozen_process(const frozen_process&) = delete;
  frozen_process& operator=(const frozen_process&) = delete;

private:
  int pid_;
};

/// The file descriptors this process has open: a failed connect must not
/// leave one behind.
inline int open_fds() {
  int count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd"))
    ++count;
  return count;
}

} // namespace coroscope::testing

#endif
