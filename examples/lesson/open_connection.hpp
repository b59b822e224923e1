// Part 4's open_connection, shared by the exit_stack programs.
#ifndef COROSCOPE_EXAMPLES_OPEN_CONNECTION_HPP
#define COROSCOPE_EXAMPLES_OPEN_CONNECTION_HPP

#include <coroscope/async_context.hpp>

#include <cstdio>
#include <string>

struct connection {
  std::string host;
  std::string status;
};

inline coroscope::async_context<connection> open_connection(std::string host) {
  std::printf("Connecting to %s\n", host.c_str());
  connection conn{host, "connected"};
  co_yield conn;
  std::printf("Disconnecting from %s\n", host.c_str());
}

#endif
