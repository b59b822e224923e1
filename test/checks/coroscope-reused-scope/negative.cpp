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
