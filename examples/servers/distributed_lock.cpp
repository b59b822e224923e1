// Part 5: distributed_lock and process_payment, on a real redis-server.
//
// redis::lock is the lesson's distributed_lock: SET key token NX PX ttl
// with a random token to take it (retrying until its acquire timeout,
// where the lesson gives up at once), and a compare-and-delete script to
// release it, so a lock that expired and was taken by another holder is
// never deleted. Three workers, each with its own connection as separate
// processes would have, race to process one payment; the lock lets one of
// them at a time check and execute it, so it is executed once. The server:
//   eval "$(scripts/servers.sh start && scripts/servers.sh env)"
#include "../lesson/lesson.hpp"

#include <coroscope/redis.hpp>
#include <coroscope/scope.hpp>
#include <coroscope/task_group.hpp>
#include <coroscope/time.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace std::chrono_literals;
using coroscope::async_with;
using coroscope::task;
namespace redis = coroscope::redis;

int executed = 0;

/// Executes the payment unless it already was (checked under the lock).
task<void> execute_payment(redis::client& client, const std::string& payment_id) {
  const std::string status_key = "payment:" + payment_id + ":status";
  if (!(co_await client.command("GET", status_key)).is_nil()) {
    std::printf("payment %s already processed\n", payment_id.c_str());
    co_return;
  }
  co_await coroscope::sleep_for(50ms); // the payment provider takes its time
  co_await client.command("SET", status_key, "done");
  ++executed;
  std::printf("payment %s executed\n", payment_id.c_str());
}

task<void> process_payment(redis::client_options server, std::string payment_id) {
  redis::client client = co_await redis::connect(server);
  // Only one worker can process this payment at a time
  co_await async_with(redis::lock(client, "lock:payment:" + payment_id, 60s),
                      [&](redis::lock&) { return execute_payment(client, payment_id); });
}

task<void> amain() {
  const char* host = std::getenv("COROSCOPE_REDIS_HOST");
  const char* port = std::getenv("COROSCOPE_REDIS_PORT");
  if (host == nullptr || port == nullptr)
    throw lesson::value_error("set COROSCOPE_REDIS_HOST and _PORT (scripts/servers.sh env)");
  redis::client_options server;
  server.host = host;
  server.port = std::atoi(port);
  {
    redis::client client = co_await redis::connect(server);
    co_await client.command("DEL", "payment:42:status", "lock:payment:42");
  }
  co_await coroscope::when_all(process_payment(server, "42"), process_payment(server, "42"),
                               process_payment(server, "42"));
  std::printf("payment 42: executed %d time(s) by 3 workers\n", executed);
}

int main() { return lesson::run(amain()); }
