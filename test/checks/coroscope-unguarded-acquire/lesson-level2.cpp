// RUN: %check_clang_tidy %s coroscope-unguarded-acquire %t -- -- -I%S/../Inputs
// The lesson's Level 2 debug challenge: connections leak when queries fail.
//
//   async def run_query(pool, query_id):
//       conn = await pool.acquire()
//       print(f"Query {query_id} on connection {conn['id']}")
//       await asyncio.sleep(0.1)
//       if query_id == 2:
//           raise ValueError("Query failed!")
//       await pool.release(conn)

#include "coroscope_scopes_stub.h"

#include <cstdio>
#include <stdexcept>
#include <vector>

using namespace std::chrono_literals;

struct connection {
  int id;
  bool in_use;
};

class connection_pool {
public:
  explicit connection_pool(int size);
  coroscope::task<connection *> acquire();
  coroscope::task<void> release(connection *conn);

private:
  std::vector<connection> connections_;
};

coroscope::task<void> run_query(connection_pool &pool, int query_id) {
  connection *conn = co_await pool.acquire();
  // CHECK-NOTES: :[[@LINE-1]]:31: warning: the resource acquired by 'acquire' leaks if an exception or cancellation leaves before 'release' [coroscope-unguarded-acquire]
  std::printf("Query %d on connection %d\n", query_id, conn->id);
  co_await coroscope::sleep_for(100ms);
  if (query_id == 2)
    throw std::runtime_error("Query failed!");
  // CHECK-NOTES: :[[@LINE-1]]:5: note: this throw skips 'release'
  // CHECK-NOTES: :[[@LINE-7]]:31: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  co_await pool.release(conn);
}

// The lesson's first fix, try/finally: C++ has no finally, and no co_await in
// a handler, so the handler keeps the exception and the release follows.
coroscope::task<void> run_query_fixed(connection_pool &pool, int query_id) {
  connection *conn = co_await pool.acquire();
  std::exception_ptr error;
  try {
    std::printf("Query %d on connection %d\n", query_id, conn->id);
    co_await coroscope::sleep_for(100ms);
    if (query_id == 2)
      throw std::runtime_error("Query failed!");
  } catch (...) {
    error = std::current_exception();
  }
  co_await pool.release(conn);
  if (error)
    std::rethrow_exception(error);
}

// The lesson's better fix: acquire() returns something that releases by
// itself, here a coroscope::pool<T> lease.
coroscope::task<void> run_query_leased(coroscope::pool<connection> &pool,
                                       int query_id) {
  auto conn = co_await pool.acquire();
  std::printf("Query %d on connection %d\n", query_id, conn->id);
  co_await coroscope::sleep_for(100ms);
  if (query_id == 2)
    throw std::runtime_error("Query failed!");
}
