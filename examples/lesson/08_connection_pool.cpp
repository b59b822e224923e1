// Part 3, pattern 1: a connection pool. The pool itself is an async
// resource (setup/teardown), and acquiring a connection from it is one too.
// 5 workers share at most 3 connections.
#include "lesson.hpp"

#include <coroscope/async_context.hpp>
#include <coroscope/scope.hpp>
#include <coroscope/sync.hpp>
#include <coroscope/task_group.hpp>
#include <coroscope/time.hpp>

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <deque>
#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace std::chrono_literals;
using coroscope::async_context;
using coroscope::async_with;
using coroscope::task;

struct connection {
  int id = 0;
  std::string dsn;
};

/// A simple async connection pool demonstrating the pattern.
class async_connection_pool {
public:
  explicit async_connection_pool(std::string dsn, std::size_t min_size = 2,
                                 std::size_t max_size = 10)
      : dsn_(std::move(dsn)), min_size_(min_size), max_size_(max_size) {}

  /// Initialize the pool with min_size connections.
  task<async_connection_pool&> async_enter() {
    semaphore_.emplace(max_size_);
    for (std::size_t i = 0; i < min_size_; ++i)
      pool_.push_back(co_await create_connection());
    std::printf("Pool initialized with %zu connections\n", min_size_);
    co_return *this;
  }

  /// Close all connections in the pool.
  task<bool> async_exit(std::exception_ptr) {
    while (!pool_.empty()) {
      const connection conn = std::move(pool_.back());
      pool_.pop_back();
      co_await close_connection(conn);
    }
    std::puts("Pool closed");
    co_return false;
  }

  /// Acquire a connection from the pool.
  async_context<connection> acquire() {
    auto permit = co_await semaphore_->acquire(); // released when this ends
    connection conn;
    if (pool_.empty()) {
      conn = co_await create_connection();
    } else {
      conn = std::move(pool_.front());
      pool_.pop_front();
    }
    co_yield conn;
    pool_.push_back(std::move(conn)); // return connection to pool instead of closing
  }

private:
  task<connection> create_connection() {
    const int conn_id = ++size_;
    co_await coroscope::sleep_for(10ms); // simulate connection setup
    std::printf(" Created connection #%d\n", conn_id);
    co_return connection{conn_id, dsn_};
  }

  static task<void> close_connection(const connection& conn) {
    co_await coroscope::sleep_for(10ms); // simulate connection teardown
    std::printf(" Closed connection #%d\n", conn.id);
  }

  std::string dsn_;
  std::size_t min_size_;
  std::size_t max_size_;
  std::deque<connection> pool_;
  int size_ = 0;
  std::optional<coroscope::async_semaphore> semaphore_;
};

task<void> worker(async_connection_pool& pool, int worker_id) {
  auto query = [worker_id](connection& conn) -> task<void> {
    std::printf("Worker %d using connection #%d\n", worker_id, conn.id);
    co_await coroscope::sleep_for(50ms); // simulate query
  };
  co_await async_with(pool.acquire(), query);
}

task<void> amain() {
  async_connection_pool pool("postgresql://localhost/db", 2, 3);
  co_await async_with(pool, [](async_connection_pool& pool) -> task<void> {
    // Run 5 workers with max 3 concurrent connections.
    std::vector<task<void>> tasks;
    for (int i = 0; i < 5; ++i)
      tasks.push_back(worker(pool, i));
    co_await coroscope::when_all(std::move(tasks));
  });
}

int main() { return lesson::run(amain()); }
