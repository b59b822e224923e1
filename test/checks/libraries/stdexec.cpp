// RUN: %check_clang_tidy %s 'coroscope-*' %t -- -- -I%S/../Inputs/stdexec
// stdexec: each check's findings, and remedies in the library's own terms.
// coroscope library-profile input: NVIDIA stdexec (namespaces stdexec:: and exec::),
// compiled against our stubs in this directory:
//   (add -DCOROSCOPE_STUB_STDEXEC_LEGACY_NAMESPACE for the pre-2026 `namespace exec` layout)
// The same file also compiles against the REAL library (checked with NVIDIA/stdexec
//
// Markers: MISTAKE(<check>) = should be reported; OK = must not be reported.
// Our own code, written from the stdexec API.

#include <exec/async_scope.hpp>
#include <exec/at_coroutine_exit.hpp>
#include <exec/start_detached.hpp>
#include <exec/static_thread_pool.hpp>
#include <exec/task.hpp>
#include <exec/timed_thread_scheduler.hpp>
#include <stdexec/execution.hpp>

#include <chrono>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

using namespace std::chrono_literals;

exec::task<int> answer() { co_return 42; }
exec::task<void> cleanup() { co_return; }
int blocking_hash(int v) { return v; }

// ---------------------------------------------------------------------------
// 1. unawaited: tasks and senders are lazy; dropping one means it never runs
exec::task<void> unawaited() {
  answer();                                             // MISTAKE(unawaited-awaitable): lazy task, never runs ([[nodiscard]])
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'answer' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await answer();                                             // MISTAKE(unawaited-awaitable): lazy task, never runs ({{[[][[]}}nodiscard]]){{$}}
  stdexec::just(1) | stdexec::then([](int i) { return i + 1; });  // MISTAKE(unawaited-awaitable): sender never started
  int v = co_await answer();                            // OK
  int w = co_await (stdexec::just(v) | stdexec::then([](int i) { return i * 2; }));  // OK
  (void)w;
  exec::start_detached(stdexec::just());                // OK: detached on purpose (set_error => terminate)
}

// ---------------------------------------------------------------------------
// 2. single use: operator co_await() && only; co_await on an lvalue does not compile
exec::task<void> reused() {
  auto t = answer();
  int a = co_await std::move(t);                        // OK
  int b = co_await std::move(t);                        // MISTAKE(reused-scope): handle already consumed (null)
  // CHECK-NOTES: :[[@LINE-1]]:30: warning: 't' is awaited after it was awaited; a lazy task runs only once, so using it again is undefined behaviour (it awaits a moved-from task) [coroscope-reused-scope]
  // CHECK-NOTES: :[[@LINE-3]]:30: note: 't' was awaited here
  (void)a; (void)b;
}

// ---------------------------------------------------------------------------
// 3. blocking calls, sleep, offloading
exec::task<void> blocking(exec::timed_thread_context& timer, exec::static_thread_pool& pool) {
  std::this_thread::sleep_for(10ms);                    // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: await a timed scheduler instead: 'co_await exec::schedule_after(scheduler, duration)'
  auto r = stdexec::sync_wait(answer());                // MISTAKE(blocking-call): sync_wait blocks (deadlock on a 1-thread pool)
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: blocking call to 'stdexec::sync_wait' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: 'co_await' the sender instead
  stdexec::run_loop loop;
  loop.run();                                           // MISTAKE(blocking-call): run_loop::run blocks
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'stdexec::run_loop::run' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: a coroutine runs inside the event loop: 'co_await' the work instead of running the loop from here
  (void)r;

  co_await exec::schedule_after(timer.get_scheduler(), 10ms);           // OK: the sleep
  int h = co_await stdexec::starts_on(pool.get_scheduler(),            // OK: offload; exec::task
      stdexec::just(7) | stdexec::then(blocking_hash));                //     resumes on its own scheduler
  int h2 = co_await stdexec::on(pool.get_scheduler(),                  // OK: run there, come back
      stdexec::just(8) | stdexec::then(blocking_hash));
  (void)h; (void)h2;
}

// ---------------------------------------------------------------------------
// 4. cancellation is NOT an exception: set_stopped ends the coroutine without resuming
//    it (locals destroyed, catch handlers never run). A catch(...) cannot swallow it.
exec::task<void> cancellation() {
  try {
    co_await answer();
  } catch (...) {                                       // OK for stdexec: only set_error arrives here
  }
  std::optional<int> v = co_await stdexec::stopped_as_optional(answer());  // OK: observe stop as a value
  if (!v)
    co_return;
  auto tok = co_await stdexec::get_stop_token();        // OK: poll the stop token
  if (tok.stop_requested())
    co_return;
}

// ---------------------------------------------------------------------------
// 5. cleanup that the stopped path skips (coroscope-unguarded-acquire / masking-cleanup)
std::mutex m;
exec::task<void> skipped_cleanup() {
  m.lock();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::mutex::lock' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: stdexec has no async mutex: keep suspension points out of what a lock would guard
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: the resource acquired by 'lock' leaks if an exception or cancellation leaves before 'unlock' [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: cancellation or an exception at this suspension point skips 'unlock'
  // CHECK-NOTES: :[[@LINE-5]]:3: note: hold it in an RAII guard: on stop, only destructors and 'exec::at_coroutine_exit' run
  co_await answer();                                    // if this is stopped, the coroutine is destroyed here
  m.unlock();                                           // MISTAKE(unguarded-acquire): skipped on set_stopped and on error
}
exec::task<void> async_cleanup() {
  co_await exec::at_coroutine_exit(cleanup);            // OK: runs on success, error and stop
  co_await answer();
}
exec::task<void> masking() {
  std::exception_ptr ep;
  try {
    co_await answer();
  } catch (...) {
    ep = std::current_exception();
  }
  if (ep) {
    co_await cleanup();                                 // MISTAKE(masking-cleanup): may throw, replaces ep
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown; if it throws, its exception replaces the original one, which is lost [coroscope-masking-cleanup]
    // CHECK-NOTES: :[[@LINE+2]]:5: note: the original exception is rethrown here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: run the cleanup in 'co_await exec::at_coroutine_exit(...)', which runs it on success, error and stop
    std::rethrow_exception(ep);
  }
}

// ---------------------------------------------------------------------------
// 7. scopes that must be joined
exec::task<void> scope_leak(exec::async_scope& outer) {
  exec::async_scope scope;
  scope.spawn(stdexec::just() | stdexec::then([] {}));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'scope' is destroyed without being joined after 'spawn' spawned work into it; its destructor asserts that no spawned work is left, which otherwise goes on using the destroyed scope [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'co_await scope.on_empty();' on every path before it goes out of scope
  outer.spawn(stdexec::just(1) | stdexec::then([](int) {}));  // OK: outer is drained by its owner
  co_return;
}                                                       // MISTAKE(unjoined-scope, reported by coroscope-unguarded-acquire at the spawn): scope not drained
exec::task<void> scope_ok() {
  exec::async_scope scope;
  scope.spawn(stdexec::just() | stdexec::then([] {}));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'scope' is destroyed without being joined if an exception or cancellation leaves after 'spawn' spawned work into it and before 'on_empty'; its destructor asserts that no spawned work is left, which otherwise goes on using the destroyed scope [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE+3]]:11: note: cancellation or an exception at this suspension point skips 'on_empty'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'co_await scope.on_empty();' on every path before it goes out of scope
  auto fut = scope.spawn_future(stdexec::just(42));   // (an exec::task needs a scheduler: starts_on(sch, t))
  int v = co_await std::move(fut);                      // OK
  (void)v;
  co_await scope.on_empty();                            // OK: drained on this path
}
exec::task<void> counting_scope_ok() {
  stdexec::counting_scope scope;
  stdexec::spawn(stdexec::just(), scope.get_token());   // OK
  co_await scope.join();                                // OK: joined
}
exec::task<void> counting_scope_leak() {
  stdexec::counting_scope scope;
  stdexec::spawn(stdexec::just(), scope.get_token());
  co_await answer();
}                                                       // not reported: counting_scope's work is spawned by the free stdexec::spawn, which the scope rule does not follow (std::terminate in ~counting_scope)

// ---------------------------------------------------------------------------
// composition
exec::task<void> compose() {
  auto [a, b] = co_await stdexec::when_all(answer(), answer());  // OK: stop/error cancels the rest
  (void)a; (void)b;
}

// the new stdexec::task (P3552), awaited through as_awaitable
stdexec::task<int> answer2() { co_return 1; }
stdexec::task<void> user2() {
  int v = co_await answer2();                           // OK
  answer2();                                            // MISTAKE(unawaited-awaitable): lazy, never runs
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'answer2' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await answer2();                                            // MISTAKE(unawaited-awaitable): lazy, never runs{{$}}
  if (v == 0)
    co_yield stdexec::with_stopped{};                   // OK: complete as stopped without an exception
  co_await stdexec::just();
}

int main() {
  exec::async_scope scope;
  exec::static_thread_pool pool{2};
  scope.spawn(stdexec::starts_on(pool.get_scheduler(), stdexec::just(1)) | stdexec::then([](int) {}));
  auto r = stdexec::sync_wait(compose());               // OK: not in a coroutine
  stdexec::sync_wait(scope.on_empty());                 // OK
  (void)r;
}
