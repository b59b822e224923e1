// Mistake 1 of the lesson, for the installed tools to find: close() is
// called and never awaited (line 23).
#include <coroutine>

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
};

struct connection {
  task close();
};

task shutdown(connection &conn) {
  conn.close();
  co_return;
}
