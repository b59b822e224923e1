#include <cppcoro/sync_wait.hpp>
#include <cppcoro/task.hpp>
cppcoro::task<int> compute();
cppcoro::task<int> blocks() {
  int v = cppcoro::sync_wait(compute());
  co_return v;
}
