// RUN: %check_clang_tidy %s 'coroscope-*' %t -- -- -I%S/../Inputs/cobalt
// cobalt: each check's findings, and remedies in the library's own terms.
// coroscope library-profile input: Boost.Cobalt (API of Boost 1.84 .. 1.88), compiled
// against our stubs in this directory PLUS Debian 12's real Boost 1.74 (Boost.Asio,
// Boost.System), which the stubs build on:
// (the stub directory must come before /usr/include: it also supplies
//  boost/asio/cancellation_type.hpp, which Boost 1.74 lacks).
//
// Markers: MISTAKE(<check>) = should be reported; OK = must not be reported.
// Our own code, written from the Cobalt API.

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/detached.hpp>
#include <boost/cobalt.hpp>
#include <boost/cobalt/io/sleep.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <thread>

namespace cobalt = boost::cobalt;
namespace asio = boost::asio;
using namespace std::chrono_literals;

cobalt::promise<int> fetch(int i) {                      // eager
  asio::steady_timer t{co_await cobalt::this_coro::executor, 10ms};
  co_await t.async_wait(cobalt::use_op);
  co_return i;
}
cobalt::task<int> compute(int i) { co_return i * 2; }   // lazy
cobalt::promise<void> work() { co_return; }
cobalt::detached fire_and_forget() { co_return; }       // eager, meant to be dropped
int blocking_hash(int v) { return v; }

// ---------------------------------------------------------------------------
// 1. unawaited / dropped
cobalt::promise<void> dropped() {
  fetch(1);                  // MISTAKE(unawaited-awaitable): eager promise dropped -> cancelled at once ([[nodiscard]])
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'fetch' is an eager task that is discarded without being awaited; it is cancelled when it is destroyed still attached, and its result and exception are lost [coroscope-unawaited-awaitable]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'co_await' it to wait for it; to run it in the background on purpose, '+p' or 'p.detach()'
  compute(2);                // MISTAKE(unawaited-awaitable): lazy task dropped -> never runs
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'compute' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await compute(2);                // MISTAKE(unawaited-awaitable): lazy task dropped -> never runs{{$}}
  +fetch(3);                 // OK: detached on purpose
  auto p = fetch(4);
  p.detach();                // OK: detached on purpose
  fire_and_forget();         // OK: cobalt::detached is meant to be dropped
  int v = co_await fetch(5); // OK
  int w = co_await compute(v);  // OK
  (void)w;
}

// ---------------------------------------------------------------------------
// 2. single use vs. multi use
cobalt::generator<int> numbers() {                       // eager, multi-use
  co_yield 1;
  co_yield 2;
  co_return 3;
}
cobalt::promise<void> reuse() {
  auto p = fetch(1);
  int a = co_await p;        // OK
  int b = co_await p;        // MISTAKE(reused-scope): result already taken; yields a moved-from value
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: 'p' is awaited after it was awaited; awaiting it moved its result out, so awaiting it again yields a moved-from value [coroscope-reused-scope]
  // CHECK-NOTES: :[[@LINE-3]]:20: note: 'p' was awaited here
  auto t = compute(1);
  int c = co_await t;        // OK
  int d = co_await t;        // MISTAKE(reused-scope): task already completed and its result taken
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: 't' is awaited after it was awaited; awaiting it moved its result out, so awaiting it again yields a moved-from value [coroscope-reused-scope]
  // CHECK-NOTES: :[[@LINE-3]]:20: note: 't' was awaited here
  auto g = numbers();
  while (g)
    a += co_await g;         // OK: a generator is awaited repeatedly by design
  auto w = work();
  co_await w;                // OK
  co_await w;                // OK: a promise of void moves no value out; it completes again
  (void)b; (void)c; (void)d;
}

// ---------------------------------------------------------------------------
// 3. blocking calls, sleeping, offloading
cobalt::promise<void> blocking(asio::steady_timer& t) {
  std::this_thread::sleep_for(10ms);                     // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: wait on a 'boost::asio::steady_timer' instead: 'co_await timer.async_wait(boost::cobalt::use_op)'
  t.wait();                                              // MISTAKE(blocking-call): Boost.Asio synchronous wait
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'boost::asio::basic_waitable_timer::wait' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use its asynchronous form: 'co_await object.async_wait(..., boost::cobalt::use_op)'
  int r = cobalt::run(compute(1));                       // MISTAKE(blocking-call): cobalt::run blocks (nested io_context)
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: blocking call to 'boost::cobalt::run' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:11: note: 'co_await' the task instead
  (void)r;

  t.expires_after(10ms);
  co_await t.async_wait(cobalt::use_op);                 // OK: the sleep (Boost 1.84-1.88 spelling)
  co_await cobalt::io::sleep(10ms);                      // OK: the sleep on cobalt develop (io/sleep.hpp)
}

cobalt::task<int> hash_task(int v) { co_return blocking_hash(v); }
cobalt::promise<int> offload(asio::thread_pool& pool) {
  int h = co_await cobalt::spawn(asio::make_strand(pool.get_executor()),  // OK: runs on the pool,
                                 hash_task(7), cobalt::use_op);          //     resumes here
  co_return h;
}

cobalt::thread worker() { co_return; }                   // eager: its own std::thread + io_context
cobalt::promise<void> threads() {
  auto th = worker();
  th.join();                                             // MISTAKE(blocking-call): thread::join blocks
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'boost::cobalt::thread::join' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'co_await' the thread instead
  auto th2 = worker();
  co_await th2;                                          // OK
}

// ---------------------------------------------------------------------------
// 4. cancellation = boost::system::system_error, code boost::asio::error::operation_aborted
cobalt::promise<void> swallow() {
  asio::steady_timer t{co_await cobalt::this_coro::executor};
  for (;;) {
    try {
      t.expires_after(1s);
      co_await t.async_wait(cobalt::use_op);
    } catch (const std::exception& e) {                  // MISTAKE(swallowed-cancellation): loops on to more co_awaits
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: handler of 'std::exception' catches cancellation ('boost::system::system_error' with 'boost::asio::error::operation_aborted') and lets the coroutine go on without rethrowing it; it keeps running after it was cancelled, and its caller never sees the cancellation [coroscope-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE+3]]:5: note: control leaves the handler here without rethrowing
    // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow cancellation: in a handler of 'boost::system::system_error', 'if (e.code() == boost::asio::error::operation_aborted) throw;'
      std::printf("tick failed: %s\n", e.what());
    }
  }
}
cobalt::promise<void> honour() {
  asio::steady_timer t{co_await cobalt::this_coro::executor};
  for (;;) {
    try {
      t.expires_after(1s);
      co_await t.async_wait(cobalt::use_op);
    } catch (const boost::system::system_error& e) {     // OK: rethrows cancellation
      if (e.code() == asio::error::operation_aborted)
        throw;
    }
    if (co_await cobalt::this_coro::cancelled != asio::cancellation_type::none)  // OK: polling form
      co_return;
  }
}
cobalt::promise<void> echo_like_cobalt_example() {
  try {
    asio::steady_timer t{co_await cobalt::this_coro::executor, 1s};
    co_await t.async_wait(cobalt::use_op);
  } catch (std::exception& e) {                          // OK (as for asio): end of coroutine, logs and returns
    std::printf("echo: exception: %s\n", e.what());
  }
}

// ---------------------------------------------------------------------------
// 5. masking cleanup
cobalt::promise<void> masking() {
  std::exception_ptr ep;
  try {
    co_await fetch(1);
  } catch (...) {
    ep = std::current_exception();
  }
  if (ep) {
    co_await work();                                     // MISTAKE(masking-cleanup): may throw, replaces ep
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown; if it throws, its exception replaces the original one, which is lost [coroscope-masking-cleanup]
    // CHECK-NOTES: :[[@LINE+2]]:5: note: the original exception is rethrown here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: run the cleanup as the teardown of 'co_await boost::cobalt::with(resource, body, teardown)', which keeps the body's exception when the teardown fails
    std::rethrow_exception(ep);
  }
}

// ---------------------------------------------------------------------------
// 7. scopes that must be awaited: wait_group
cobalt::promise<void> group_leak() {
  cobalt::wait_group wg;
  wg.push_back(work());
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'wg' is destroyed without being joined after 'push_back' spawned work into it; its children are cancelled and nobody waits for them, so their errors are lost [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'co_await' the group on every path, or run it with 'co_await boost::cobalt::with(boost::cobalt::wait_group(), body)'
  wg.push_back(work());
  co_await fetch(1);
}                                                        // MISTAKE(unjoined-scope, reported by coroscope-unguarded-acquire at the spawn): wg destroyed unawaited
cobalt::promise<void> group_ok() {
  cobalt::wait_group wg;
  wg.push_back(work());
  co_await wg;                                           // OK: joins (same as wg.wait())
}
cobalt::promise<void> group_awaited_late() {
  cobalt::wait_group wg;
  wg.push_back(work());                                  // MISTAKE(unjoined-scope): fetch may throw or be cancelled before the join
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'wg' is destroyed without being joined if an exception or cancellation leaves after 'push_back' spawned work into it and before 'co_await wg'; its children are cancelled and nobody waits for them, so their errors are lost [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: cancellation or an exception at this suspension point skips 'co_await wg'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'co_await' the group on every path, or run it with 'co_await boost::cobalt::with(boost::cobalt::wait_group(), body)'
  co_await fetch(1);
  co_await wg;
}
cobalt::promise<void> group_scoped() {
  co_await cobalt::with(cobalt::wait_group(),            // OK: await_exit joins on every path
                        [](cobalt::wait_group& g) -> cobalt::promise<void> {
                          g.push_back(work());
                          co_return;
                        });
}

// ---------------------------------------------------------------------------
// composition and channels
cobalt::promise<void> compose() {
  co_await cobalt::race(fetch(1), fetch(2));             // OK: loser interrupted/cancelled
  co_await cobalt::join(work(), work());                 // OK
  co_await cobalt::gather(work(), work());               // OK
  cobalt::channel<int> ch{1};
  co_await ch.write(42);                                 // OK
  int v = co_await ch.read();                            // OK (throws operation_aborted once closed)
  ch.close();
  (void)v;
}

cobalt::main co_main(int argc, char* argv[]) {
  (void)argc; (void)argv;
  co_await dropped();
  co_return 0;
}

int sync_entry() {
  asio::thread_pool pool{1};
  cobalt::spawn(pool, compute(1), asio::detached);       // OK: outside a coroutine
  return cobalt::run(compute(2));                        // OK: outside a coroutine
}
