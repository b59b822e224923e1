// RUN: %check_clang_tidy %s 'coroscope-*' %t -- -- -I%S/../Inputs/cppcoro
// cppcoro: each check's findings, and remedies in the library's own terms.
// Usage of the cppcoro stubs the way real users write it: correct patterns (OK) and the
// lesson's mistakes (MISTAKE).
#include <cppcoro/async_latch.hpp>
#include <cppcoro/async_manual_reset_event.hpp>
#include <cppcoro/async_mutex.hpp>
#include <cppcoro/async_scope.hpp>
#include <cppcoro/cancellation_registration.hpp>
#include <cppcoro/cancellation_source.hpp>
#include <cppcoro/generator.hpp>
#include <cppcoro/io_service.hpp>
#include <cppcoro/on_scope_exit.hpp>
#include <cppcoro/operation_cancelled.hpp>
#include <cppcoro/shared_task.hpp>
#include <cppcoro/static_thread_pool.hpp>
#include <cppcoro/sync_wait.hpp>
#include <cppcoro/task.hpp>
#include <cppcoro/when_all.hpp>

#include <chrono>
#include <exception>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

cppcoro::task<int> compute() { co_return 42; }
cppcoro::task<> step(cppcoro::io_service& io) { co_await io.schedule_after(1ms); }
cppcoro::task<> cleanup() { co_return; }
cppcoro::shared_task<int> shared_compute() { co_return 7; }
void log(const char*);

// ---- task: lazy; lvalue re-await is fine ------------------------------------------------
cppcoro::task<int> twice() {
  cppcoro::task<int> t = compute();
  int a = co_await t;  // OK: runs the task
  int b = co_await t;  // OK (not a reuse bug): task is ready, same result returned
  auto s = shared_compute();
  int c = co_await s + co_await s;  // OK: shared_task awaited many times
  co_return a + b + c;
}

cppcoro::task<> unawaited() {
  compute();                     // MISTAKE: lazy task discarded, never runs
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'compute' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await compute();                     // MISTAKE: lazy task discarded, never runs{{$}}
  cppcoro::async_mutex m;
  m.lock_async();                // MISTAKE: lock operation discarded, nothing locked
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'lock_async' is an awaitable that is discarded without being awaited; the operation is never awaited and its result and exception are lost [coroscope-unawaited-awaitable]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'co_await' it to wait for it
  co_await m.lock_async();
  m.unlock();
}

// ---- blocking calls ------------------------------------------------------------------
cppcoro::task<> blocking(cppcoro::io_service& io, cppcoro::static_thread_pool& pool) {
  int v = cppcoro::sync_wait(compute());      // MISTAKE: blocks; use `co_await compute()`
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: blocking call to 'cppcoro::sync_wait' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:11: note: 'co_await' it instead
  std::this_thread::sleep_for(10ms);          // MISTAKE: use co_await io.schedule_after(10ms)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await io_service.schedule_after(...)' instead
  co_await io.schedule_after(10ms);           // OK: awaitable sleep
  co_await pool.schedule();                   // OK: offload; now on a pool thread
  std::ifstream f("big.bin");                 // blocking I/O, acceptable after offload
  (void)v;
}

// cppcoro's README/tests: the event-loop driver arm (blocking by design).
int run_event_loop(cppcoro::io_service& io) {
  cppcoro::sync_wait(cppcoro::when_all_ready(
      [&]() -> cppcoro::task<> {
        auto stopOnExit = cppcoro::on_scope_exit([&] { io.stop(); });
        co_await step(io);
      }(),
      [&]() -> cppcoro::task<> {
        io.process_events();  // runs the loop on this thread until stop(); the library's idiom
        co_return;
      }()));
  return 0;
}

// ---- cancellation ----------------------------------------------------------------------
cppcoro::task<> swallow(cppcoro::io_service& io, cppcoro::cancellation_token ct) {
  for (int i = 0; i < 3; ++i) {
    try {
      co_await io.schedule_after(1s, ct);
    } catch (const std::exception& e) {  // MISTAKE: also catches operation_cancelled, loop goes on
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: handler of 'std::exception' catches cancellation ('cppcoro::operation_cancelled') and lets the coroutine go on without rethrowing it; it keeps running after it was cancelled, and its caller never sees the cancellation [coroscope-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE+4]]:5: note: control leaves the handler here without rethrowing
    // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow cancellation: 'catch (const cppcoro::operation_cancelled&) { throw; }' before the other handlers
    // CHECK-FIXES: {{^}}    } catch (const cppcoro::operation_cancelled&) { throw; } catch (const std::exception& e) {  // MISTAKE: also catches operation_cancelled, loop goes on{{$}}
      log(e.what());
    }
  }
}

cppcoro::task<> handled(cppcoro::io_service& io, cppcoro::cancellation_token ct) {
  try {
    co_await io.schedule_after(1s, ct);
    ct.throw_if_cancellation_requested();
  } catch (const cppcoro::operation_cancelled&) {
    throw;                                  // OK: rethrow cancellation first
  } catch (const std::exception& e) {
    log(e.what());
  }
  cppcoro::cancellation_registration reg(ct, [] { log("cancel requested"); });
  co_await io.schedule_after(1s, ct);
}

// ---- cleanup masking the original exception ----------------------------------------------
cppcoro::task<> masking(cppcoro::io_service& io) {
  std::exception_ptr ep;
  try {
    co_await step(io);
  } catch (...) {
    ep = std::current_exception();
  }
  co_await cleanup();                       // MISTAKE (if it throws, ep is lost)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown; if it throws, its exception replaces the original one, which is lost [coroscope-masking-cleanup]
  // CHECK-NOTES: :[[@LINE+2]]:11: note: the original exception is rethrown here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: guard the cleanup with its own handler, so that the original exception is the one rethrown
  if (ep) std::rethrow_exception(ep);
}

// ---- locks --------------------------------------------------------------------------------
cppcoro::async_mutex g_mutex;
std::vector<std::string> g_values;

cppcoro::task<> locks(cppcoro::io_service& io) {
  {
    cppcoro::async_mutex_lock lock = co_await g_mutex.scoped_lock_async();  // OK: RAII
    g_values.push_back("a");
    co_await step(io);
  }
  co_await g_mutex.lock_async();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'lock_async' leaks if an exception or cancellation leaves before 'unlock' [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: cancellation or an exception at this suspension point skips 'unlock'
  // CHECK-NOTES: :[[@LINE-3]]:12: note: 'auto lock = co_await mutex.scoped_lock_async();' unlocks on every path
  co_await step(io);                        // MISTAKE: throws/cancels -> mutex never unlocked
  g_mutex.unlock();
  if (g_mutex.try_lock()) g_mutex.unlock();
}

// ---- events / latch -----------------------------------------------------------------------
cppcoro::task<> events(cppcoro::async_manual_reset_event& ev, cppcoro::async_latch& latch) {
  co_await ev;
  latch.count_down();
  co_await latch;
}

// ---- scopes -------------------------------------------------------------------------------
cppcoro::task<> scope_ok(cppcoro::io_service& io) {
  cppcoro::async_scope scope;
  for (int i = 0; i < 3; ++i) scope.spawn(step(io));
  co_await scope.join();                    // OK
}

cppcoro::task<> scope_unjoined(cppcoro::io_service& io, bool early) {
  cppcoro::async_scope scope;
  scope.spawn(step(io));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'scope' is destroyed without being joined if the function returns after 'spawn' spawned work into it and before 'join'; its destructor asserts that it was joined, and the spawned work outlives it [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE+2]]:14: note: it returns here without 'join'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'co_await scope.join();' on every path, also after an exception: capture it, join, then rethrow
  if (early) co_return;                     // MISTAKE: scope destroyed without join()
  co_await scope.join();
}

// README echo_server shape: capture, join, rethrow (the correct error path)
cppcoro::task<> scope_with_errors(cppcoro::io_service& io, cppcoro::cancellation_token ct) {
  cppcoro::async_scope scope;
  std::exception_ptr ex;
  try {
    while (true) {
      co_await io.schedule_after(1ms, ct);
      scope.spawn(step(io));
    }
  } catch (const cppcoro::operation_cancelled&) {
  } catch (...) {
    ex = std::current_exception();
  }
  co_await scope.join();
  if (ex) std::rethrow_exception(ex);
}

// ---- when_all / generator -----------------------------------------------------------------
cppcoro::task<int> fan_out() {
  auto [a, b] = co_await cppcoro::when_all(compute(), compute());
  std::vector<cppcoro::task<int>> ts;
  ts.push_back(compute());
  std::vector<int> rs = co_await cppcoro::when_all(std::move(ts));
  co_return a + b + static_cast<int>(rs.size());
}

cppcoro::generator<int> numbers() {
  for (int i = 0; i < 3; ++i) co_yield i;
}

int main() {
  cppcoro::io_service io;
  cppcoro::static_thread_pool pool{2};
  int sum = 0;
  for (int n : numbers()) sum += n;
  sum += cppcoro::sync_wait(twice());        // OK: top level
  cppcoro::sync_wait(blocking(io, pool));
  cppcoro::cancellation_source src;
  cppcoro::sync_wait(handled(io, src.token()));
  src.request_cancellation();
  return sum + run_event_loop(io);
}
