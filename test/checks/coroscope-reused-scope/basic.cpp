// RUN: %check_clang_tidy %s coroscope-reused-scope %t -- -- -I%S/../Inputs

#include "coroscope_scopes_stub.h"
#include "minimal_tasks.h"

using coroscope::task;

task<int> compute();
demo::rvalue_task flush();
demo::free_task refresh();
coroscope::async_context<int> resource(const char *name);
task<void> body(int &);

// The lesson's "already used": one instance entered twice.
task<void> entered_twice() {
  auto cm = resource("A");
  co_await coroscope::async_with(cm, body);
  co_await coroscope::async_with(cm, body);
  // CHECK-NOTES: :[[@LINE-1]]:34: warning: 'cm' is entered by 'async_with' after it was entered by 'async_with'; 'coroscope::async_context<int>' is single-use, so the second use fails at run time [coroscope-reused-scope]
  // CHECK-NOTES: :[[@LINE-3]]:34: note: 'cm' was entered by 'async_with' here
}

// A lazy task awaited twice: its body ran once and has finished.
task<void> awaited_twice() {
  task<int> t = compute();
  int first = co_await t;
  int second = co_await t;
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: 't' is awaited after it was awaited; a lazy task runs only once, so using it again throws 'std::logic_error' [coroscope-reused-scope]
  // CHECK-NOTES: :[[@LINE-3]]:24: note: 't' was awaited here
  co_return;
}

// std::move does not make the second await any better
// (bugprone-use-after-move may report it too).
task<void> lazy_moved_twice() {
  task<int> t = compute();
  co_await std::move(t);
  co_await std::move(t);
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: 't' is awaited after it was awaited; a lazy task runs only once, so using it again throws 'std::logic_error' [coroscope-reused-scope]
  // CHECK-NOTES: :[[@LINE-3]]:22: note: 't' was awaited here
}

// An rvalue-qualified operator co_await consumes the task, whether or not it
// starts lazily and whether or not it can be copied.
task<void> moved_twice() {
  demo::rvalue_task t = flush();
  co_await std::move(t);
  co_await std::move(t);
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: 't' is awaited after it was awaited; awaiting it consumed it, so using it again uses a moved-from task [coroscope-reused-scope]
  // CHECK-NOTES: :[[@LINE-3]]:22: note: 't' was awaited here
}

// The same through a free operator co_await that takes an rvalue.
task<void> consumed_by_free_operator() {
  demo::free_task t = refresh();
  co_await std::move(t);
  co_await std::move(t);
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: 't' is awaited after it was awaited; awaiting it consumed it, so using it again uses a moved-from task [coroscope-reused-scope]
  // CHECK-NOTES: :[[@LINE-3]]:22: note: 't' was awaited here
}

// Entering by the protocol's own method counts as consuming.
task<void> async_enter_twice() {
  auto cm = resource("B");
  int &first = co_await cm.async_enter();
  co_await cm.async_exit(nullptr);
  int &second = co_await cm.async_enter();
  // CHECK-NOTES: :[[@LINE-1]]:26: warning: 'cm' is consumed by 'async_enter' after it was consumed by 'async_enter'; 'coroscope::async_context<int>' is single-use
  // CHECK-NOTES: :[[@LINE-4]]:25: note: 'cm' was consumed by 'async_enter' here
  (void)first;
  (void)second;
}

// An exit stack is single-use once closed: entering into it, or entering
// it, fails. The first use after the consumption is reported.
task<void> closed_exit_stack(coroscope::async_context<int> &a,
                             coroscope::async_context<int> &b) {
  coroscope::exit_stack stack;
  co_await stack.enter(a);
  co_await stack.aclose();
  co_await stack.enter(b);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'stack' is used by 'enter' after it was consumed by 'aclose'; 'coroscope::exit_stack' is single-use, so the second use fails at run time [coroscope-reused-scope]
  // CHECK-NOTES: :[[@LINE-3]]:12: note: 'stack' was consumed by 'aclose' here
  co_await stack.aclose();
}

task<void> entered_closed_exit_stack() {
  coroscope::exit_stack stack;
  co_await stack.aclose();
  co_await coroscope::async_with(stack, body);
  // CHECK-NOTES: :[[@LINE-1]]:34: warning: 'stack' is entered by 'async_with' after it was consumed by 'aclose'
  // CHECK-NOTES: :[[@LINE-3]]:12: note: 'stack' was consumed by 'aclose' here
}

// One context entered into an exit stack twice.
task<void> entered_into_stack_twice(coroscope::exit_stack &stack) {
  auto cm = resource("C");
  co_await stack.enter(cm);
  co_await stack.enter(cm);
  // CHECK-NOTES: :[[@LINE-1]]:24: warning: 'cm' is entered by 'enter' after it was entered by 'enter'
  // CHECK-NOTES: :[[@LINE-3]]:24: note: 'cm' was entered by 'enter' here
}

// A parameter, and a reference, are tracked like a local.
task<void> parameters(task<int> owned, task<int> &borrowed) {
  co_await owned;
  co_await borrowed;
  co_await owned;
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'owned' is awaited after it was awaited
  // CHECK-NOTES: :[[@LINE-4]]:12: note: 'owned' was awaited here
  co_await borrowed;
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'borrowed' is awaited after it was awaited
  // CHECK-NOTES: :[[@LINE-6]]:12: note: 'borrowed' was awaited here
}

// Branches that join: awaited on one path, then again after the join.
task<void> after_branches(bool fast) {
  task<int> t = compute();
  if (fast)
    co_await t;
  else
    co_await coroscope::sleep_for(std::chrono::milliseconds(1));
  co_await t;
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 't' is awaited after it was awaited
  // CHECK-NOTES: :[[@LINE-5]]:14: note: 't' was awaited here
}

// Both branches consume; the use after the join is reported once.
task<void> both_branches(bool fast, coroscope::exit_stack &stack) {
  auto cm = resource("D");
  if (fast)
    co_await coroscope::async_with(cm, body);
  else
    co_await stack.enter(cm);
  co_await coroscope::async_with(cm, body);
  // CHECK-NOTES: :[[@LINE-1]]:34: warning: 'cm' is entered by 'async_with' after it was entered by 'async_with'
  // CHECK-NOTES: :[[@LINE-5]]:36: note: 'cm' was entered by 'async_with' here
}

// In one full expression, in any order.
task<void> same_expression() {
  task<int> t = compute();
  int sum = co_await t + co_await t;
  // CHECK-NOTES: :[[@LINE-1]]:35: warning: 't' is awaited after it was awaited
  // CHECK-NOTES: :[[@LINE-2]]:22: note: 't' was awaited here
  (void)sum;
}

// In a plain function: closing twice is a reuse too.
void closes_twice(coroscope::exit_stack &stack) {
  (void)stack.aclose();
  (void)stack.aclose();
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'stack' is consumed by 'aclose' after it was consumed by 'aclose'
  // CHECK-NOTES: :[[@LINE-3]]:9: note: 'stack' was consumed by 'aclose' here
}

// A reference bound to the task is another name for the same object.
task<void> through_an_alias() {
  task<int> t = compute();
  auto &alias = t;
  co_await t;
  co_await alias;
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 't' is awaited after it was awaited; a lazy task runs only once, so using it again throws 'std::logic_error' [coroscope-reused-scope]
  // CHECK-NOTES: :[[@LINE-3]]:12: note: 't' was awaited here
}
