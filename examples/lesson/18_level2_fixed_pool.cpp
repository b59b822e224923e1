// Level 2 debug challenge, fixed: "connections leak when queries fail".
//
// The leaking version is examples/mistakes/leaking_pool.cpp (flagged by
// coroscope-unguarded-acquire): when query 2 throws, release() never runs.
// Here acquire() returns an async context, as the lesson's "better yet" fix
// does, and async_with returns the connection to the pool on every outcome.
// The lesson prints nothing for this example; with 2 connections and 5
// queries the failing query 2 gives its connection back to query 4.
#include "lesson.hpp"

#include <coroscope/async_context.hpp>
#include <coroscope/scope.hpp>
#include <coroscope/sync.hpp>
#include <coroscope/task_group.hpp>
#include <coroscope/time.hpp>

#include <chrono>
#include <cstdio>
#include <deque>
#include <exception>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

using namespace std::chrono_literals;
using coroscope::async_context;
using coroscope::async_with;
using coroscope::task;

struct connection {
  int id;
  bool in_use = false;
};

class connection_pool {
public:
  explicit connection_pool(int size) : size_(size) {}
  connection_pool(const connection_pool&) = delete;
  connection_pool& operator=(const connection_pool&) = delete;

  task<connection_pool&> async_enter() {
    for (int i = 0; i < size_; ++i)
      connections_.push_back(connection{i});
    for (connection& conn : connections_)
      available_.push_back(&conn);
    free_.emplace(connections_.size()); // the queue's length, as a count to wait on
    co_return *this;
  }

  task<bool> async_exit(std::exception_ptr) {
    for (const connection& conn : connections_)
      std::printf("Closing connection %d\n", conn.id);
    co_return false;
  }

  /// The fix: the connection goes back to the pool however the body ends.
  async_context<connection&> acquire() {
    auto permit = co_await free_->acquire(); // available.get(): wait for one
    connection& conn = *available_.front();
    available_.pop_front();
    conn.in_use = true;
    co_yield conn;
    conn.in_use = false;
    available_.push_back(&conn); // available.put(conn); the permit follows
  }

private:
  int size_;
  std::deque<connection> connections_;
  std::deque<connection*> available_;
  std::optional<coroscope::async_semaphore> free_;
};

task<void> run_query(connection_pool& pool, int query_id) {
  auto query = [query_id](connection& conn) -> task<void> {
    std::printf("Query %d on connection %d\n", query_id, conn.id);
    co_await coroscope::sleep_for(100ms);
    if (query_id == 2)
      throw lesson::value_error("Query failed!");
  };
  co_await async_with(pool.acquire(), query);
  // Connection automatically returned to pool.
}

/// One task of asyncio.gather(*tasks, return_exceptions=True): an error is
/// the task's result instead of cancelling the others.
task<std::exception_ptr> returning_exceptions(task<void> work) {
  std::exception_ptr error;
  try {
    co_await std::move(work);
  } catch (const std::exception&) {
    error = std::current_exception();
  }
  co_return error;
}

task<void> amain() {
  connection_pool pool(2);
  co_await async_with(pool, [](connection_pool& pool) -> task<void> {
    std::vector<task<std::exception_ptr>> tasks;
    for (int i = 0; i < 5; ++i)
      tasks.push_back(returning_exceptions(run_query(pool, i)));
    co_await coroscope::when_all(std::move(tasks));
  });
}

int main() { return lesson::run(amain()); }
