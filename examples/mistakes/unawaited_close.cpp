// Mistake 1 of the lesson: forgetting to await in __aexit__.
//
//   async def __aexit__(self, *exc):
//       self.conn.close()   # BUG: close() is a coroutine!
//
// coroscope-unawaited-awaitable flags both calls to close() below: the one in
// async_exit can be fixed by awaiting it; the one in the destructor cannot,
// because a destructor cannot co_await.
#include <coroscope/task.hpp>

#include <exception>

namespace lesson {

struct connection {
  coroscope::task<void> close();
};

coroscope::task<connection> create_connection();

class broken_manager {
public:
  coroscope::task<connection *> async_enter() {
    conn_ = co_await create_connection();
    co_return &conn_;
  }

  coroscope::task<bool> async_exit(std::exception_ptr) {
    conn_.close(); // BUG(coroscope-unawaited-awaitable): creates a task that nothing awaits; never closes
    co_return false;
  }

  ~broken_manager() {
    conn_.close(); // BUG(coroscope-unawaited-awaitable): async cleanup in a destructor can never be awaited
  }

private:
  connection conn_;
};

} // namespace lesson
