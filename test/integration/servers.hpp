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
  std::string redis_host() const { return setting("COROSCOPE_REDIS_HOST"); }
  int redis_port() const { return std::stoi(setting("COROSCOPE_REDIS_PORT")); }
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
