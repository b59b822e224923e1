// Part 4: exit_stack (AsyncExitStack). When the number of resources is known
// only at run time, an exit_stack enters them one by one and closes them all
// when it exits, in reverse order.
#include "lesson.hpp"
#include "open_connection.hpp"

#include <coroscope/exit_stack.hpp>
#include <coroscope/scope.hpp>

#include <cstdio>
#include <string>
#include <vector>

using coroscope::async_with;
using coroscope::exit_stack;
using coroscope::task;

task<void> amain() {
  const std::vector<std::string> hosts{"db-primary", "db-replica-1", "db-replica-2", "cache-01"};

  co_await async_with(exit_stack(), [&hosts](exit_stack& stack) -> task<void> {
    // Dynamically enter context managers.
    std::vector<connection*> connections;
    for (const std::string& host : hosts) {
      connection& conn = co_await stack.enter(open_connection(host));
      connections.push_back(&conn);
    }

    std::printf("Connected to %zu services\n", connections.size());
    for (const connection* c : connections)
      std::printf(" %s: %s\n", c->host.c_str(), c->status.c_str());
  });
  // All connections are closed in reverse order when the stack exits.
}

int main() { return lesson::run(amain()); }
