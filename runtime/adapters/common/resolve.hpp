// Host name resolution off the loop thread, for the adapters.
//
// Both client libraries connect without blocking, except for one step:
// turning a host name into an address, which they do with getaddrinfo, a
// blocking call (DNS). The adapters resolve names first, on a worker thread
// (run_blocking), and hand the libraries numeric addresses.
#ifndef COROSCOPE_ADAPTERS_COMMON_RESOLVE_HPP
#define COROSCOPE_ADAPTERS_COMMON_RESOLVE_HPP

#include <coroscope/blocking.hpp>
#include <coroscope/task.hpp>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

namespace coroscope::adapters {

/// True when \p host is an IPv4 or IPv6 address, which needs no resolution.
inline bool is_numeric_address(const std::string& host) noexcept {
  std::array<unsigned char, sizeof(in6_addr)> address{};
  return ::inet_pton(AF_INET, host.c_str(), address.data()) == 1 ||
         ::inet_pton(AF_INET6, host.c_str(), address.data()) == 1;
}

/// Every address \p host resolves to, as text, in getaddrinfo's order
/// (the order libpq tries them in); a numeric one as it is. Throws
/// std::runtime_error("cannot resolve host NAME: REASON").
inline task<std::vector<std::string>> resolve_addresses(std::string host) {
  if (is_numeric_address(host))
    co_return std::vector<std::string>{host};
  auto lookup = [host] {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (const int status = ::getaddrinfo(host.c_str(), nullptr, &hints, &found); status != 0)
      throw std::runtime_error("cannot resolve host " + host + ": " + ::gai_strerror(status));
    std::vector<std::string> addresses;
    for (const addrinfo* each = found; each != nullptr; each = each->ai_next) {
      std::array<char, INET6_ADDRSTRLEN> text{};
      const void* address =
          each->ai_family == AF_INET
              ? static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(each->ai_addr)->sin_addr)
              : static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(each->ai_addr)->sin6_addr);
      if (::inet_ntop(each->ai_family, address, text.data(), text.size()) == nullptr)
        continue;
      std::string numeric(text.data());
      if (std::find(addresses.begin(), addresses.end(), numeric) == addresses.end())
        addresses.push_back(std::move(numeric));
    }
    ::freeaddrinfo(found);
    if (addresses.empty())
      throw std::runtime_error("cannot resolve host " + host + ": no address it can use");
    return addresses;
  };
  co_return co_await run_blocking(std::move(lookup));
}

/// The first address of \p host, as text; see resolve_addresses.
inline task<std::string> resolve_host(std::string host) {
  std::vector<std::string> addresses = co_await resolve_addresses(std::move(host));
  co_return std::move(addresses.front());
}

} // namespace coroscope::adapters

#endif
