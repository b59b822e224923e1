// Transferring ownership with pop_all(): a factory creates resources on an
// exit_stack and hands them to the caller. pop_all() moves every
// registration to a new stack, which the factory returns; the factory's own
// stack is then empty. If the factory fails before pop_all(), its stack
// cleans up what it created.
#include "lesson.hpp"
#include "open_connection.hpp"

#include <coroscope/exit_stack.hpp>
#include <coroscope/scope.hpp>

#include <cstdio>

using coroscope::async_with;
using coroscope::exit_stack;
using coroscope::task;

struct service_connections {
  exit_stack stack;
  connection& db;
  connection& cache;
};

/// Create connections and transfer ownership to the caller.
task<service_connections> create_service_connections() {
  co_return co_await async_with(exit_stack(), [](exit_stack& stack) -> task<service_connections> {
    connection& db = co_await stack.enter(open_connection("db"));
    connection& cache = co_await stack.enter(open_connection("cache"));
    // Transfer ownership -- the caller is now responsible for cleanup.
    co_return service_connections{stack.pop_all(), db, cache};
  });
}

task<void> amain() {
  service_connections services = co_await create_service_connections();
  // try: ... finally: await stack.aclose()
  co_await async_with(services.stack, [&services](exit_stack&) -> task<void> {
    std::printf("Using %s and %s\n", services.db.host.c_str(), services.cache.host.c_str());
    co_return;
  });
}

int main() { return lesson::run(amain()); }
