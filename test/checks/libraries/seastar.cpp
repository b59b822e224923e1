// RUN: %check_clang_tidy %s 'coroscope-*' %t -- -- -I%S/../Inputs/seastar
// seastar: each check's findings, and remedies in the library's own terms.
// Usage of the Seastar stubs, the way Seastar users write coroutines.
// (Also compiles against Seastar's real include/ with
//  -DSEASTAR_API_LEVEL=9 -DSEASTAR_SCHEDULING_GROUPS_COUNT=16 -DSEASTAR_SSTRING,
//  Debian's libboost-dev and libfmt-dev.)
// "OK:" lines are correct Seastar code; "MISTAKE(<check>):" lines are the
// lesson's mistakes the named coroscope check should report.
#include <chrono>
#include <exception>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <vector>

#include <seastar/core/abort_source.hh>
#include <seastar/core/condition-variable.hh>
#include <seastar/core/coroutine.hh>
#include <seastar/core/do_with.hh>
#include <seastar/core/future.hh>
#include <seastar/core/gate.hh>
#include <seastar/core/rwlock.hh>
#include <seastar/core/semaphore.hh>
#include <seastar/core/shared_mutex.hh>
#include <seastar/core/sleep.hh>
#include <seastar/core/thread.hh>
#include <seastar/core/timed_out_error.hh>
#include <seastar/core/when_all.hh>
#include <seastar/core/with_timeout.hh>
#include <seastar/coroutine/as_future.hh>
#include <seastar/coroutine/exception.hh>
#include <seastar/coroutine/maybe_yield.hh>
#include <seastar/coroutine/parallel_for_each.hh>
#include <seastar/util/later.hh>

using namespace std::chrono_literals;

seastar::future<int> fetch(int id);
seastar::future<> close_connection();
seastar::future<> process(int id);

// ---- 1. future<T>: eager; awaited as rvalue ------------------------------------
seastar::future<int> futures() {
  int a = co_await fetch(1);                         // OK
  auto f = fetch(2);                                 // already running
  int b = co_await std::move(f);                     // OK
  // co_await f;                                     // does not compile (lvalue future)
  process(3);                                        // MISTAKE(unawaited-awaitable): runs detached,
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'process' is an eager task that is discarded without being awaited; it runs detached and its exception is lost [coroscope-unawaited-awaitable]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'co_await' it to wait for it; to run it in the background on purpose, discard it explicitly, '(void)f', in a 'seastar::with_gate' that is closed at shutdown
                                                     //   a failure is only logged
  (void)process(4);                                  // OK: deliberate detach (Seastar idiom)
  auto [x, y] = co_await seastar::when_all_succeed(fetch(5), fetch(6));  // OK
  co_return a + b + x + y;
}

// ---- 2. Blocking calls inside a coroutine ------------------------------------------
seastar::future<int> blocking() {
  int v = fetch(1).get();                            // MISTAKE(blocking-call): not in a seastar::thread;
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: blocking call to 'seastar::future::get' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:11: note: 'co_await std::move(future)' instead
                                                     //   aborts unless ready -> co_await fetch(1)
  auto f = fetch(2);
  f.wait();                                          // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'seastar::future::wait' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'co_await std::move(future)' instead
  std::this_thread::sleep_for(10ms);                 // MISTAKE(blocking-call): blocks the reactor
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await seastar::sleep(...)' instead
                                                     //   -> co_await seastar::sleep(10ms)
  co_await seastar::sleep(10ms);                     // OK
  auto results = co_await seastar::when_all(fetch(3), process(4));
  int w = std::get<0>(results).get();                // OK: when_all's futures are ready
  int r = seastar::make_ready_future<int>(6).get();  // OK: ready when made
  std::get<1>(results).ignore_ready_future();        // OK
  int t = co_await seastar::async([] {
    return fetch(5).get();                           // OK: inside a seastar::thread
  });
  co_await seastar::coroutine::maybe_yield();        // OK: long loops
  co_return v + w + r + t + co_await std::move(f);
}

// ---- 3. Cancellation (abort_source) -------------------------------------------------
seastar::future<> swallows(seastar::abort_source& as) {
  for (;;) {
    try {
      co_await seastar::sleep_abortable(1s, as);
    } catch (const std::exception& e) {              // MISTAKE(swallowed-cancellation): catches
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: handler of 'std::exception' catches cancellation ('seastar::abort_requested_exception') and lets the coroutine go on without rethrowing it; it keeps running after it was cancelled, and its caller never sees the cancellation [coroscope-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE+4]]:5: note: control leaves the handler here without rethrowing
    // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow cancellation: 'catch (const seastar::abort_requested_exception&) { throw; }' before the other handlers
    // CHECK-FIXES: {{^}}    } catch (const seastar::abort_requested_exception&) { throw; } catch (const seastar::gate_closed_exception&) { throw; } catch (const std::exception& e) {              // MISTAKE(swallowed-cancellation): catches{{$}}
      (void)e;                                       //   seastar::sleep_aborted and loops on
    }
    co_await process(1);
  }
}

seastar::future<> stopsOnAbort(seastar::abort_source& as) {
  for (;;) {
    try {
      co_await seastar::sleep_abortable(1s, as);
    } catch (const seastar::sleep_aborted&) {        // reported: the coroutine ends as if it succeeded; NOLINT it where stopping quietly is the intent
      co_return;
    }
    try {
      co_await process(2);
    } catch (const seastar::abort_requested_exception&) {
      throw;                                         // OK: cancellation rethrown first
    } catch (const std::exception& e) {
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: handler of 'std::exception' catches cancellation ('seastar::gate_closed_exception') and lets the coroutine go on without rethrowing it; it keeps running after it was cancelled, and its caller never sees the cancellation [coroscope-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE+4]]:5: note: control leaves the handler here without rethrowing
    // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow cancellation: 'catch (const seastar::abort_requested_exception&) { throw; }' before the other handlers
    // CHECK-FIXES: {{^}}    } catch (const seastar::gate_closed_exception&) { throw; } catch (const std::exception& e) {{{$}}
      (void)e;
    }
  }
}

seastar::future<int> nonThrowing() {
  auto f = co_await seastar::coroutine::as_future(fetch(1));  // OK: no throw
  if (f.failed()) {
    co_return seastar::coroutine::exception(f.get_exception());  // OK: propagate without throw
  }
  co_return f.get();                                 // OK: f is ready
}

seastar::future<int> timeouts() {
  try {
    co_return co_await seastar::with_timeout(std::chrono::steady_clock::now() + 1s, fetch(1));
  } catch (const seastar::timed_out_error&) {        // OK: a timeout is not cancellation;
    co_return -1;                                    //   fetch(1) keeps running
  }
}

// ---- 4. Cleanup masking the original exception ------------------------------------
seastar::future<> masking() {
  std::exception_ptr ep;
  try {
    co_await process(1);
  } catch (...) {
    ep = std::current_exception();
  }
  if (ep) {
    co_await close_connection();                     // MISTAKE(masking-cleanup): may throw before rethrow
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown; if it throws, its exception replaces the original one, which is lost [coroscope-masking-cleanup]
    // CHECK-NOTES: :[[@LINE+2]]:5: note: the original exception is rethrown here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: guard the cleanup with its own handler, so that the original exception is the one rethrown
    std::rethrow_exception(ep);
  }
}

// ---- 5. Semaphores, gates, locks -----------------------------------------------------
seastar::semaphore sem{10};
seastar::gate g;
seastar::rwlock rwl;
seastar::shared_mutex smx;

seastar::future<> locks() {
  {
    auto units = co_await seastar::get_units(sem, 1);  // OK: semaphore_units
    co_await process(1);
  }
  co_await sem.wait(1);                              // MISTAKE(unguarded-acquire): leaks the unit
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'wait' leaks if an exception or cancellation leaves before 'signal' [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: cancellation or an exception at this suspension point skips 'signal'
  // CHECK-NOTES: :[[@LINE-3]]:12: note: 'auto units = co_await seastar::get_units(semaphore, n);' returns them on every path
  co_await process(2);                               //   if this throws
  sem.signal(1);
  co_await seastar::with_semaphore(sem, 1, [] { return process(3); });  // OK

  {
    auto holder = g.hold();                          // OK: gate::holder
    co_await process(4);
  }
  g.enter();                                         // MISTAKE(unguarded-acquire)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the resource acquired by 'enter' leaks if an exception or cancellation leaves before 'leave' [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: cancellation or an exception at this suspension point skips 'leave'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'auto holder = gate.hold();' leaves the gate on every path
  co_await process(5);
  g.leave();
  co_await seastar::with_gate(g, [] { return process(6); });  // OK

  {
    auto h = co_await rwl.hold_write_lock();         // OK: rwlock::holder
    co_await process(7);
  }
  co_await rwl.read_lock();                          // MISTAKE(unguarded-acquire)
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'read_lock' leaks if an exception or cancellation leaves before 'read_unlock' [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: cancellation or an exception at this suspension point skips 'read_unlock'
  // CHECK-NOTES: :[[@LINE-3]]:12: note: 'auto holder = co_await lock.hold_read_lock();' unlocks on every path
  co_await process(8);
  rwl.read_unlock();
  co_await seastar::with_lock(rwl.for_read(), [] { return process(9); });  // OK

  co_await smx.lock();                               // MISTAKE(unguarded-acquire): no holder type;
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'lock' leaks if an exception or cancellation leaves before 'unlock' [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: cancellation or an exception at this suspension point skips 'unlock'
  // CHECK-NOTES: :[[@LINE-3]]:12: note: 'co_await seastar::with_lock(mutex, [&] { ... })' unlocks on every path
  co_await process(10);                              //   use with_lock(smx, func)
  smx.unlock();
  co_await seastar::with_shared(smx, [] { return process(11); });  // OK
  sem.wait(1);                                       // MISTAKE(unawaited-awaitable): unit never awaited
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'wait' is an eager task that is discarded without being awaited; it runs detached and its exception is lost [coroscope-unawaited-awaitable]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'co_await' it to wait for it; to run it in the background on purpose, discard it explicitly, '(void)f', in a 'seastar::with_gate' that is closed at shutdown
}

// ---- 6. Condition variable: takes no lock ---------------------------------------------
seastar::condition_variable cv;
bool ready = false;
seastar::future<> waiter() {
  co_await cv.wait([] { return ready; });           // OK: no lock involved
  co_await cv.when();                                // OK
}

// ---- 7. Gate close must be awaited -----------------------------------------------------
struct service {
  seastar::gate _gate;
  seastar::future<> stop() {
    co_await _gate.close();                          // OK: waits for all holders
  }
  seastar::future<> stop_wrong() {
    _gate.close();                                   // MISTAKE(unawaited-awaitable): ~gate asserts if
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: result of 'close' is an eager task that is discarded without being awaited; it runs detached and its exception is lost [coroscope-unawaited-awaitable]
    // CHECK-NOTES: :[[@LINE-2]]:5: note: 'co_await' it to wait for it; to run it in the background on purpose, discard it explicitly, '(void)f', in a 'seastar::with_gate' that is closed at shutdown
    co_return;                                       //   requests are still running
  }
};

// ---- 8. Parallel work ---------------------------------------------------------------------
seastar::future<> parallel(std::vector<int> ids) {
  co_await seastar::coroutine::parallel_for_each(ids, [](int id) { return process(id); });  // OK
  std::vector<seastar::future<>> fs;
  for (int id : ids) {
    fs.push_back(process(id));
  }
  co_await seastar::when_all_succeed(std::move(fs));  // OK
  co_await seastar::yield();                          // OK
}
