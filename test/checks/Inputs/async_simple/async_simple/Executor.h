// coroscope test stub for async_simple::Executor -- our own code.
// `co_await ex->after(dur);` is a sleep (awaitable only inside a Lazy: TimeAwaitable has
// just coAwait(Executor*), which Lazy's await_transform calls).
#pragma once
#include <chrono>
#include <coroutine>
#include <cstdint>
#include <functional>
#include <string>

namespace async_simple {
class Slot;
struct CurrentExecutor {};  // `Executor* ex = co_await CurrentExecutor{};`

class Executor {
 public:
  using Duration = std::chrono::duration<int64_t, std::micro>;
  using Func = std::function<void()>;
  class TimeAwaiter {
   public:
    bool await_ready() const noexcept;
    void await_suspend(std::coroutine_handle<> continuation);
    void await_resume();  // throws SignalException when cancelled
  };
  class TimeAwaitable {
   public:
    TimeAwaiter coAwait(Executor*);
  };

  Executor(std::string name = "default") : _name(std::move(name)) {}
  virtual ~Executor() {}
  Executor(const Executor&) = delete;
  virtual bool schedule(Func func) = 0;
  virtual bool currentThreadInExecutor() const { return false; }
  const std::string& name() const { return _name; }
  TimeAwaitable after(Duration dur);
  TimeAwaitable after(Duration dur, uint64_t schedule_info, Slot* slot = nullptr);
 private:
  std::string _name;
};
}  // namespace async_simple
