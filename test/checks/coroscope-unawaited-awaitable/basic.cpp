// RUN: %check_clang_tidy %s coroscope-unawaited-awaitable %t -- -- -I%S/../Inputs

#include "minimal_tasks.h"

using namespace demo;

lazy_task<> close_connection();
eager_task spawn_heartbeat();
rvalue_task flush();
free_task refresh();
traits_task reconnect();
timer_awaiter wait_a_bit();
file open_file();

// Discarded in a coroutine: the fix inserts co_await before a lazy task,
// whose body otherwise never runs. An eager task, or one that may be, is
// perhaps fire-and-forget on purpose (a heartbeat): awaiting it could hang
// the caller, so a note says what to do instead of a fix; likewise for an
// awaitable that is no task.
lazy_task<> discarded_in_coroutine() {
  close_connection();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'close_connection' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await close_connection();{{$}}
  spawn_heartbeat();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'spawn_heartbeat' is an eager task that is discarded without being awaited; it runs detached and its exception is lost [coroscope-unawaited-awaitable]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'co_await' it to wait for it; to run it in the background on purpose, hand it to your library's way of spawning detached work, which reports its errors
  // CHECK-FIXES: {{^}}  spawn_heartbeat();{{$}}
  flush();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'flush' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await flush();{{$}}
  refresh();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'refresh' is a task that is discarded without being awaited; it never runs, or runs detached with its exception lost [coroscope-unawaited-awaitable]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'co_await' it to wait for it; to run it in the background on purpose, {{.*}}
  // CHECK-FIXES: {{^}}  refresh();{{$}}
  reconnect();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'reconnect' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await reconnect();{{$}}
  wait_a_bit();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'wait_a_bit' is an awaitable that is discarded without being awaited; the operation is never awaited and its result and exception are lost [coroscope-unawaited-awaitable]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'co_await' it to wait for it{{$}}
  // CHECK-FIXES: {{^}}  wait_a_bit();{{$}}
  co_return;
}

// Discarded in a plain function: reported, but co_await cannot be inserted.
void discarded_in_plain_function() {
  close_connection();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'close_connection' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  close_connection();{{$}}
}

// Statement positions other than a block, comma and conditional operands.
lazy_task<> other_positions(bool again, int n) {
  if (again)
    close_connection();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: result of 'close_connection' is a lazy task
  // CHECK-FIXES: {{^}}    co_await close_connection();{{$}}
  for (int i = 0; i < n; ++i)
    flush();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: result of 'flush' is a lazy task
  // CHECK-FIXES: {{^}}    co_await flush();{{$}}
  while (again)
    reconnect();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: result of 'reconnect' is a lazy task
  // CHECK-FIXES: {{^}}    co_await reconnect();{{$}}
  switch (n) {
  case 1:
    close_connection();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: result of 'close_connection' is a lazy task
    // CHECK-FIXES: {{^}}    co_await close_connection();{{$}}
    break;
  }
  close_connection(), flush();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'close_connection' is a lazy task
  // CHECK-MESSAGES: :[[@LINE-2]]:23: warning: result of 'flush' is a lazy task
  // CHECK-FIXES: {{^}}  co_await close_connection(), co_await flush();{{$}}
  int value = (close_connection(), 42);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: result of 'close_connection' is a lazy task
  // CHECK-FIXES: {{^}}  int value = (co_await close_connection(), 42);{{$}}
  again ? close_connection() : close_connection();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: result of 'close_connection' is a lazy task
  // CHECK-MESSAGES: :[[@LINE-2]]:32: warning: result of 'close_connection' is a lazy task
  // CHECK-FIXES: {{^}}  again ? co_await close_connection() : co_await close_connection();{{$}}
  (void)value;
  co_return;
}

// A task kept in a local that nothing ever awaits.
lazy_task<> unused_local() {
  auto pending = close_connection();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'pending' holds a lazy task that is never awaited, returned or passed on; its body never runs [coroscope-unawaited-awaitable]
  eager_task heartbeat = spawn_heartbeat();
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'heartbeat' holds an eager task that is never awaited, returned or passed on; it runs detached and its exception is lost [coroscope-unawaited-awaitable]
  co_return;
}

void unused_local_in_plain_function() {
  auto pending = close_connection();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'pending' holds a lazy task that is never awaited
}

// A destructor cannot await: asynchronous cleanup there never happens.
struct broken_manager {
  ~broken_manager() {
    close_connection();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: result of 'close_connection' is a lazy task that is discarded in a destructor, where it can never be awaited; its body never runs [coroscope-unawaited-awaitable]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: await the asynchronous cleanup in a coroutine before the object is destroyed
  }
};

// co_await is not allowed in a handler: no fix-it there, a note instead.
lazy_task<> discarded_in_handler() {
  try {
    co_await flush();
  } catch (...) {
    close_connection();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: result of 'close_connection' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'co_await' is not allowed in a handler: store 'std::current_exception()', await after the handler, then rethrow
    // CHECK-FIXES: {{^}}    close_connection();{{$}}
    throw;
  }
}

// Coroutine lambdas are coroutines of their own.
void lambdas() {
  auto body = []() -> lazy_task<> {
    close_connection();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: result of 'close_connection' is a lazy task
    // CHECK-FIXES: {{^}}    co_await close_connection();{{$}}
    co_return;
  };
  body();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of the lambda call is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // A lambda inside a coroutine that is not itself a coroutine: no fix-it.
  auto sync_part = [] { close_connection(); };
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: result of 'close_connection' is a lazy task
  sync_part();
}

// ---- Correct code: nothing to report. ----

lazy_task<> awaited() {
  co_await close_connection();
  co_await flush();
  co_await refresh();
  co_await wait_a_bit();
}

lazy_task<> returned() { return close_connection(); }

lazy_task<> stored_then_awaited() {
  auto pending = close_connection();
  co_await pending;
  auto once = flush();
  co_await std::move(once);
}

void consume(lazy_task<> task);
void schedule(lazy_task<> &&task);

void passed_on() {
  consume(close_connection());
  auto pending = close_connection();
  schedule(std::move(pending));
  auto moved = close_connection();
  lazy_task<> other = std::move(moved);
  consume(std::move(other));
}

void explicitly_discarded() { (void)close_connection(); }

void synchronous_close() {
  file f = open_file();
  f.close();
  open_file();
  auto unused = open_file();
}

lazy_task<> captured_by_lambda() {
  auto pending = close_connection();
  auto later = [&] { return std::move(pending); };
  co_await later();
}

[[maybe_unused]] static void maybe_unused_local() {
  [[maybe_unused]] auto pending = close_connection();
}

lazy_task<> &reference_to_task();
void references_are_not_discarded_tasks() { reference_to_task(); }

// A future of work already under way: its continuation API returns another
// future, which a plain function may drop; a coroutine would await it.
struct future {
  future then(void (*continuation)());
  bool await_ready() const noexcept;
  void await_suspend(std::coroutine_handle<>) noexcept;
  void await_resume();
};
future start_download();
void on_done();

void continuation_in_plain_function() {
  start_download().then(on_done);
  auto chained = start_download().then(on_done);
}

lazy_task<> continuation_in_coroutine() {
  start_download().then(on_done);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'then' is an awaitable that is discarded without being awaited
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'co_await' it to wait for it{{$}}
  // CHECK-FIXES: {{^}}  start_download().then(on_done);{{$}}
  co_return;
}
