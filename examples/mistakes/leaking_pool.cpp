// The lesson's Level 2 debug challenge: "connections leak when queries
// fail."
//
//   async def run_query(pool, query_id):
//       conn = await pool.acquire()
//       print(f"Query {query_id} on connection {conn['id']}")
//       await asyncio.sleep(0.1)
//       if query_id == 2:
//           raise ValueError("Query failed!")
//       await pool.release(conn)
//
// When query 2 throws, release() never runs and the connection never goes
// back to the pool; the same happens if the query is cancelled during the
// sleep. coroscope-unguarded-acquire flags the acquire in run_query. The fix
// is coroscope::pool<T>, whose acquire() returns a lease that gives the
// connection back when it goes out of scope.
#include <coroscope/run.hpp>
#include <coroscope/task.hpp>
#include <coroscope/time.hpp>

#include <chrono>
#include <cstdio>
#include <deque>
#include <stdexcept>
#include <vector>

namespace lesson {

using namespace std::chrono_literals;

struct connection {
  int id;
  bool in_use = false;
};

class connection_pool {
public:
  explicit connection_pool(int size) {
    for (int i = 0; i < size; ++i)
      connections_.push_back({i});
    for (connection &conn : connections_)
      available_.push_back(&conn);
  }

  coroscope::task<connection *> acquire() {
    while (available_.empty()) // the lesson's Queue.get(): wait for one
      co_await coroscope::sleep_for(1ms);
    connection *conn = available_.front();
    available_.pop_front();
    conn->in_use = true;
    co_return conn;
  }

  coroscope::task<void> release(connection *conn) {
    conn->in_use = false;
    available_.push_back(conn);
    co_return;
  }

  std::size_t available() const { return available_.size(); }

private:
  std::vector<connection> connections_;
  std::deque<connection *> available_;
};

coroscope::task<void> run_query(connection_pool &pool, int query_id) {
  connection *conn = co_await pool.acquire(); // BUG(coroscope-unguarded-acquire): not released on error
  std::printf("Query %d on connection %d\n", query_id, conn->id);
  co_await coroscope::sleep_for(100ms);
  if (query_id == 2)
    throw std::runtime_error("Query failed!");
  co_await pool.release(conn);
}

coroscope::task<void> main_task() {
  connection_pool pool(2);
  for (int query_id = 0; query_id < 5; ++query_id) {
    try {
      co_await run_query(pool, query_id);
    } catch (const std::runtime_error &error) {
      std::printf("Query %d: %s\n", query_id, error.what());
    }
  }
  std::printf("Connections back in the pool: %zu of 2\n", pool.available());
}

} // namespace lesson

int main() { coroscope::run(lesson::main_task()); }
