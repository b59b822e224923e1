// Part 6: the application lifecycle. The application's dependencies -- a
// database pool, a Redis connection, an HTTP client and a cleanup callback --
// are entered on one exit_stack, and everything is cleaned up in reverse
// order when the application ends (FastAPI's and Starlette's lifespan).
//
// The dependencies are toys that print what they do; the lesson prints
// nothing for this example. A stackless coroutine cannot co_yield from inside
// the body of an async_with, so application_lifespan enters the
// dependencies in a factory that hands over its exit_stack with pop_all():
// if entering one of them fails, the factory's stack closes the ones already
// entered.
#include "lesson.hpp"

#include <coroscope/async_context.hpp>
#include <coroscope/exit_stack.hpp>
#include <coroscope/scope.hpp>
#include <coroscope/time.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <string>
#include <utility>

using namespace std::chrono_literals;
using coroscope::async_context;
using coroscope::async_with;
using coroscope::exit_stack;
using coroscope::task;

struct config {
  std::string database_url;
  std::string redis_url;
  std::string external_api_url;
};

struct db_pool {
  std::string url;
};
struct redis_connection {
  std::string url;
};

async_context<db_pool> create_db_pool(std::string url, int min_size, int max_size) {
  std::printf("Database pool: %d-%d connections to %s\n", min_size, max_size, url.c_str());
  db_pool pool{std::move(url)};
  co_yield pool;
  std::puts("Database pool: closed");
}

async_context<redis_connection> create_redis_pool(std::string url) {
  std::printf("Redis: connected to %s\n", url.c_str());
  redis_connection redis{std::move(url)};
  co_yield redis;
  std::puts("Redis: closed");
}

/// HTTP client with proper session lifecycle management.
class api_client {
public:
  explicit api_client(std::string base_url) : base_url_(std::move(base_url)) {}

  task<api_client&> async_enter() {
    std::printf("HTTP client: session for %s\n", base_url_.c_str());
    co_return *this;
  }
  task<bool> async_exit(std::exception_ptr) {
    std::puts("HTTP client: session closed");
    // Allow underlying SSL connections to close gracefully.
    co_await coroscope::sleep_for(250ms);
    co_return false;
  }

  const std::string& base_url() const { return base_url_; }

private:
  std::string base_url_;
};

task<void> cleanup_session_files() {
  std::puts("Session files cleaned up");
  co_return;
}

struct app_state {
  db_pool& db;
  redis_connection& redis;
  api_client& http;
};

struct dependencies {
  exit_stack stack;
  app_state state;
};

task<dependencies> enter_dependencies(const config& cfg) {
  co_return co_await async_with(exit_stack(), [&cfg](exit_stack& stack) -> task<dependencies> {
    // Database pool
    db_pool& db = co_await stack.enter(create_db_pool(cfg.database_url, 5, 20));
    // Redis connection
    redis_connection& redis = co_await stack.enter(create_redis_pool(cfg.redis_url));
    // HTTP client for external APIs
    api_client& http = co_await stack.enter(api_client(cfg.external_api_url));
    // Register a cleanup callback for temporary files.
    stack.push_callback(cleanup_session_files);
    co_return dependencies{stack.pop_all(), app_state{db, redis, http}};
  });
}

/// Manage the full lifecycle of application dependencies.
async_context<app_state> application_lifespan(config cfg) {
  dependencies deps = co_await enter_dependencies(cfg);
  co_yield deps.state;
  // Everything cleaned up in reverse order by the exit_stack.
  co_await deps.stack.aclose();
}

task<void> amain() {
  const config cfg{"postgresql://localhost/app", "redis://localhost:6379",
                   "https://api.example.com"};
  co_await async_with(application_lifespan(cfg), [](app_state& app) -> task<void> {
    std::printf("Serving with %s, %s and %s\n", app.db.url.c_str(), app.redis.url.c_str(),
                app.http.base_url().c_str());
    co_return;
  });
}

int main() { return lesson::run(amain()); }
