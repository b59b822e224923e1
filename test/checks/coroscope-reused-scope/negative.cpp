// RUN: %check_clang_tidy %s coroscope-reused-scope %t -- -- -I%S/../Inputs
// Nothing here is used twice: no diagnostic at all.

#include "coroscope_scopes_stub.h"
#include "minimal_tasks.h"

using coroscope::task;

task<int> compute();
demo::eager_task spawn();
demo::timer_awaiter wait_a_bit();
coroscope::async_context<int> resource(const char *name);
task<void> body(int &);
void refill(task<int> &slot);

// Each call creates a new context manager: this is fine.
task<void> new_context_each_time() {
  co_await coroscope::async_with(resource("A"), body);
  co_await coroscope::async_with(resource("A"), body);
}

// Reassignment gives a new object.
task<void> reassigned() {
  task<int> t = compute();
  co_await t;
  t = compute();
  co_await t;
  auto cm = resource("B");
  co_await coroscope::async_with(cm, body);
  cm = resource("B");
  co_await coroscope::async_with(cm, body);
}

// Handed to a function that may assign it, as upstream's use-after-move
// assumes.
task<void> refilled() {
  task<int> t = compute();
  co_await t;
  refill(t);
  co_await t;
}

// One branch or the other, never both.
task<void> exclusive_branches(bool fast) {
  task<int> t = compute();
  if (fast)
    co_await t;
  else
    co_await t;
  auto cm = resource("C");
  switch (fast ? 1 : 2) {
  case 1:
    co_await coroscope::async_with(cm, body);
    break;
  default:
    co_await coroscope::async_with(cm, body);
    break;
  }
}

// Not single-use: an eager task, a plain awaiter, a reusable resource.
struct reusable_lock {
  task<void> async_enter();
  task<bool> async_exit(std::exception_ptr);
};
task<void> not_single_use(reusable_lock &lock) {
  demo::eager_task e = spawn();
  co_await e;
  co_await e;
  demo::timer_awaiter w = wait_a_bit();
  co_await w;
  co_await w;
  co_await lock.async_enter();
  co_await lock.async_enter();
}

// A task whose awaiter reports a finished coroutine as ready: awaiting it
// again yields the stored result instead of resuming it (cppcoro's and
// libcoro's tasks do this).
struct stored_result_task {
  struct promise_type {
    stored_result_task get_return_object() noexcept;
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_value(int) {}
    void unhandled_exception() noexcept {}
  };
  stored_result_task(stored_result_task &&) noexcept;
  ~stored_result_task();
  struct awaiter {
    std::coroutine_handle<promise_type> handle;
    bool await_ready() const noexcept { return !handle || handle.done(); }
    void await_suspend(std::coroutine_handle<>) noexcept {}
    int await_resume() { return 0; }
  };
  awaiter operator co_await() const & noexcept;
};
stored_result_task answer();

// A task that can be copied is shared, made to be awaited by each owner.
struct shared_task {
  struct promise_type {
    shared_task get_return_object() noexcept;
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() noexcept {}
  };
  shared_task(const shared_task &) noexcept;
  ~shared_task();
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
};
shared_task shared_work();

task<void> awaited_again_by_design() {
  stored_result_task a = answer();
  int first = co_await a;
  int second = co_await a;
  (void)first;
  (void)second;
  shared_task s = shared_work();
  co_await s;
  co_await s;
}

// Entering into an open exit stack many times is what it is for; only
// closing it consumes it.
task<void> open_exit_stack(coroscope::async_context<int> &a,
                           coroscope::async_context<int> &b) {
  coroscope::exit_stack stack;
  co_await stack.enter(a);
  co_await stack.enter(b);
  co_await stack.aclose();
}

// Two different objects.
task<void> different_objects() {
  task<int> first = compute();
  task<int> second = compute();
  co_await first;
  co_await second;
}

// Looked at, not used: only awaiting, entering and consuming count.
task<void> inspected(coroscope::exit_stack &stack) {
  task<int> t = compute();
  task<int> &alias = t;
  (void)alias;
  co_await t;
  auto moved = stack.pop_all();
  co_await moved.aclose();
}

// Used once, outside any loop: the CFG is not even built.
task<void> once() {
  task<int> t = compute();
  co_await t;
}
