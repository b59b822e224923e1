// Built against the installed coroscope::runtime.
#ifdef CONSUMER_USES_RUNTIME
#include <coroscope/run.hpp>
#include <coroscope/task.hpp>

#ifdef CONSUMER_USES_ADAPTERS
#include <coroscope/postgres.hpp>
#include <coroscope/redis.hpp>

// Links both adapters (and so libpq and hiredis) without needing servers.
coroscope::task<int> answer() {
  const coroscope::pg::param forty(40);
  auto connects = &coroscope::pg::connect;
  auto redis_connects = &coroscope::redis::connect;
  co_return connects != nullptr && redis_connects != nullptr ? std::stoi(forty.text()) + 2 : 0;
}
#else
coroscope::task<int> answer() { co_return 42; }
#endif

int main() { return coroscope::run(answer()) == 42 ? 0 : 1; }
#else
int main() { return 0; }
#endif
