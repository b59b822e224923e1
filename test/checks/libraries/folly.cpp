// RUN: %check_clang_tidy %s 'coroscope-*' %t -- -- -I%S/../Inputs/folly
// folly: each check's findings, and remedies in the library's own terms.
// Usage of the folly::coro stubs, the way folly users write it.
// "OK:" lines are correct folly code (no finding); "MISTAKE(<check>):" lines
// are the lesson's mistakes the named coroscope check should report.
#include <chrono>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <folly/CancellationToken.h>
#include <folly/OperationCancelled.h>
#include <folly/coro/AsyncGenerator.h>
#include <folly/coro/AsyncScope.h>
#include <folly/coro/Baton.h>
#include <folly/coro/BlockingWait.h>
#include <folly/coro/Collect.h>
#include <folly/coro/CurrentExecutor.h>
#include <folly/coro/Error.h>
#include <folly/coro/Invoke.h>
#include <folly/coro/Mutex.h>
#include <folly/coro/SharedMutex.h>
#include <folly/coro/Sleep.h>
#include <folly/coro/Task.h>
#include <folly/executors/CPUThreadPoolExecutor.h>
#include <folly/executors/GlobalExecutor.h>
#include <folly/fibers/Semaphore.h>
#include <folly/futures/Future.h>
#include <folly/synchronization/Baton.h>

using namespace std::chrono_literals;

folly::coro::Task<int> fetch(int id);
folly::coro::Task<void> closeConnection();
folly::coro::Task<void> process(int event);
folly::coro::Task<void> logAsync(std::string what);
int blockingCompute(int x);
folly::SemiFuture<int> legacyFetch(int id);

// ---- 1. Task: lazy, single use, rvalue-only awaiting ----------------------
folly::coro::Task<int> tasks() {
  int a = co_await fetch(1);                 // OK: awaited temporary
  auto t = fetch(2);
  int b = co_await std::move(t);             // OK: awaited once as rvalue
  // co_await t;                             // does not compile in folly (lvalue Task)
  // int c = co_await std::move(t);          // MISTAKE(reused-scope): awaited twice (DCHECK / null handle)
  fetch(3);                                  // MISTAKE(unawaited-awaitable): lazy Task dropped, never runs
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'fetch' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await fetch(3);                                  // MISTAKE(unawaited-awaitable): lazy Task dropped, never runs{{$}}
  auto [x, y] = co_await folly::coro::collectAll(fetch(4), fetch(5));  // OK: concurrent
  co_return a + b + x + y;
}

folly::coro::Task<void> detachOnPurpose(folly::Executor::KeepAlive<> ex) {
  co_withExecutor(ex, process(1)).start();   // OK: deliberate detach (SemiFuture dropped)
  co_withExecutor(ex, process(2)).start([](folly::Try<void>&&) {});  // OK: callback
  co_await co_withExecutor(ex, process(3));  // OK: run on another executor, await it
  co_withExecutor(ex, process(4));           // MISTAKE(unawaited-awaitable): TaskWithExecutor dropped, never runs
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'co_withExecutor' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await co_withExecutor(ex, process(4));           // MISTAKE(unawaited-awaitable): TaskWithExecutor dropped, never runs{{$}}
  co_return;
}

// ---- 2. Blocking entry points inside a coroutine --------------------------
folly::coro::Task<int> blocking(folly::Executor::KeepAlive<> pool) {
  int v = folly::coro::blockingWait(fetch(1));       // MISTAKE(blocking-call): -> co_await fetch(1)
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: blocking call to 'folly::coro::blockingWait' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:11: note: 'co_await' it instead
  int w = folly::coro::blocking_wait(fetch(2));      // MISTAKE(blocking-call): same, new spelling
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: blocking call to 'folly::coro::blocking_wait' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:11: note: 'co_await' it instead
  int s = legacyFetch(3).get();                      // MISTAKE(blocking-call): -> co_await legacyFetch(3)
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: blocking call to 'folly::SemiFuture::get' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:11: note: 'co_await std::move(future)' instead
  std::move(legacyFetch(4)).wait();                  // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'folly::SemiFuture::wait' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'co_await std::move(future)' instead
  folly::Baton<> threadBaton;
  threadBaton.wait();                                // MISTAKE(blocking-call): -> folly::coro::Baton
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'folly::Baton::wait' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use a 'folly::coro::Baton' and 'co_await baton' instead
  folly::fibers::Semaphore sem{1};
  sem.wait();                                        // MISTAKE(blocking-call): -> co_await sem.co_wait()
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'folly::fibers::Semaphore::wait' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'co_await semaphore.co_wait()' instead
  std::this_thread::sleep_for(10ms);                 // MISTAKE(blocking-call): -> co_await folly::coro::sleep(10ms)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await folly::coro::sleep(...)' instead
  co_await folly::coro::sleep(10ms);                 // OK
  co_await folly::futures::sleep(10ms);              // OK (SemiFuture awaited)
  int r = co_await folly::via(pool, [] { return blockingCompute(1); });  // OK: offloaded
  int q = co_await co_withExecutor(pool, folly::coro::co_invoke([]() -> folly::coro::Task<int> {
    co_return blockingCompute(2);                    // OK: runs on the pool's thread
  }));
  co_return v + w + s + r + q;
}

void notACoroutine() {
  int v = folly::coro::blockingWait(co_withExecutor(folly::getGlobalCPUExecutor(), fetch(1)));  // OK: main/tests
  (void)v;
}

// ---- 3. Cancellation --------------------------------------------------------
folly::coro::Task<void> swallowsCancellation() {
  for (int i = 0; i < 3; ++i) {
    try {
      co_await fetch(i);
    } catch (const std::exception& e) {              // MISTAKE(swallowed-cancellation): catches
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: handler of 'std::exception' catches cancellation ('folly::OperationCancelled') and lets the coroutine go on without rethrowing it; it keeps running after it was cancelled, and its caller never sees the cancellation [coroscope-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE+4]]:5: note: control leaves the handler here without rethrowing
    // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow cancellation: 'catch (const folly::OperationCancelled&) { throw; }' before the other handlers, or look at the outcome without exceptions through 'folly::coro::co_awaitTry'
    // CHECK-FIXES: {{^}}    } catch (const folly::OperationCancelled&) { throw; } catch (const std::exception& e) {              // MISTAKE(swallowed-cancellation): catches{{$}}
      (void)e;                                       // folly::OperationCancelled and loops on
    }
    co_await folly::coro::sleep(100ms);
  }
}

folly::coro::Task<void> rethrowsCancellation() {
  for (int i = 0; i < 3; ++i) {
    try {
      co_await fetch(i);
    } catch (const folly::OperationCancelled&) {     // OK: cancellation rethrown first
      throw;
    } catch (const std::exception& e) {
      (void)e;
    }
    co_await folly::coro::sleep(100ms);
  }
}

folly::coro::Task<void> nonThrowingForms() {
  auto t = co_await folly::coro::co_awaitTry(fetch(1));       // OK: Try instead of throw
  if (t.hasException<folly::OperationCancelled>()) {
    co_yield folly::coro::co_stopped_may_throw;               // OK: end as cancelled
  }
  const folly::CancellationToken& tok = co_await folly::coro::co_current_cancellation_token;
  if (tok.isCancellationRequested()) {
    co_yield folly::coro::co_stopped_may_throw;
  }
  co_await folly::coro::co_safe_point;                        // OK: ends here if cancelled
  co_await folly::coro::co_reschedule_on_current_executor;
}

// ---- 4. Cleanup masking the original exception -----------------------------
folly::coro::Task<void> maskingCleanup() {
  std::exception_ptr ep;
  try {
    co_await process(1);
  } catch (...) {
    ep = std::current_exception();
  }
  if (ep) {
    co_await closeConnection();                      // MISTAKE(masking-cleanup): may throw before rethrow
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown; if it throws, its exception replaces the original one, which is lost [coroscope-masking-cleanup]
    // CHECK-NOTES: :[[@LINE+2]]:5: note: the original exception is rethrown here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: guard the cleanup with its own handler, or run it in 'co_await folly::coro::co_scope_exit(...)'
    std::rethrow_exception(ep);
  }
}

// ---- 5. Locks / semaphores ----------------------------------------------------
folly::coro::Mutex mutex;
folly::coro::SharedMutex rw;
folly::fibers::Semaphore sem{4};

folly::coro::Task<void> locks() {
  {
    auto lock = co_await mutex.co_scoped_lock();     // OK: std::unique_lock<folly::coro::Mutex>
    co_await process(1);
  }
  co_await mutex.co_lock();                          // MISTAKE(unguarded-acquire): leaks the lock
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'co_lock' leaks if an exception or cancellation leaves before 'unlock' [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: cancellation or an exception at this suspension point skips 'unlock'
  // CHECK-NOTES: :[[@LINE-3]]:12: note: 'auto lock = co_await mutex.co_scoped_lock();' unlocks on every path
  co_await process(2);                               //   if this throws or is cancelled
  mutex.unlock();
  if (mutex.try_lock()) {
    std::lock_guard<folly::coro::Mutex> g{mutex, std::adopt_lock};  // OK
  }
  {
    auto r = co_await rw.co_scoped_lock_shared();    // OK: SharedLock<SharedMutexFair>
    co_await process(3);
  }
  co_await rw.co_lock_shared();                      // MISTAKE(unguarded-acquire)
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'co_lock_shared' leaks if an exception or cancellation leaves before 'unlock_shared' [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: cancellation or an exception at this suspension point skips 'unlock_shared'
  // CHECK-NOTES: :[[@LINE-3]]:12: note: 'auto lock = co_await mutex.co_scoped_lock_shared();' unlocks on every path
  co_await process(4);
  rw.unlock_shared();
  co_await sem.co_wait();                            // MISTAKE(unguarded-acquire): no RAII form exists;
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'co_wait' leaks if an exception or cancellation leaves before 'signal' [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: cancellation or an exception at this suspension point skips 'signal'
  // CHECK-NOTES: :[[@LINE-3]]:12: note: folly has no RAII form for it: 'SCOPE_EXIT { semaphore.signal(); };' right after the acquire signals on every path
  co_await process(5);                               //   use try/catch + signal() or a scope guard
  sem.signal();
  (void)mutex.co_lock();                             // MISTAKE(unawaited-awaitable): lock never taken
}

folly::coro::Baton ready;
folly::coro::Task<void> waitForReady() {
  co_await ready;                                    // OK
}

// ---- 6. Scopes that must be joined ------------------------------------------
folly::coro::Task<void> scopes(folly::Executor::KeepAlive<> ex) {
  {
    folly::coro::AsyncScope scope;
    scope.add(co_withExecutor(ex, process(1)));
    co_await scope.joinAsync();                      // OK: joined before destruction
  }
  {
    folly::coro::AsyncScope scope;
    scope.add(co_withExecutor(ex, process(2)));
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'scope' is destroyed without being joined after 'add' spawned work into it; its destructor fails a fatal check ('AsyncScope::cleanup() not yet complete') [coroscope-unguarded-acquire]
    // CHECK-NOTES: :[[@LINE-2]]:5: note: 'co_await scope.joinAsync();' on every path before it goes out of scope
    co_await process(3);                             // MISTAKE(unawaited-awaitable, "unawaited close"):
  }                                                  //   ~AsyncScope CHECK-fails: never joined (and not on throw)
  {
    folly::coro::AsyncScope scope;
    scope.add(co_withExecutor(ex, process(4)));
    scope.joinAsync();                               // MISTAKE(unawaited-awaitable): join Task dropped
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: result of 'joinAsync' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
    // CHECK-FIXES: {{^}}    co_await scope.joinAsync();                               // MISTAKE(unawaited-awaitable): join Task dropped{{$}}
  }
  {
    folly::coro::CancellableAsyncScope cscope;
    cscope.add(co_withExecutor(ex, process(5)));
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'cscope' is destroyed without being joined if an exception or cancellation leaves after 'add' spawned work into it and before 'cancelAndJoinAsync'; its destructor fails a fatal check ('AsyncScope::cleanup() not yet complete') [coroscope-unguarded-acquire]
    // CHECK-NOTES: :[[@LINE+2]]:5: note: cancellation or an exception at this suspension point skips 'cancelAndJoinAsync'
    // CHECK-NOTES: :[[@LINE-3]]:5: note: 'co_await scope.cancelAndJoinAsync();' on every path before it goes out of scope
    co_await cscope.co_schedule(process(6));
    co_await cscope.cancelAndJoinAsync();            // OK
  }
  {
    folly::coro::AsyncScope scope;
    scope.add(co_withExecutor(ex, process(7)));
    co_await scope.cleanup();                        // OK: SemiFuture awaited
  }
}

// ---- 7. Generators -------------------------------------------------------------
folly::coro::AsyncGenerator<int&&> numbers() {
  for (int i = 0; i < 3; ++i) {
    co_yield int(i);
  }
}
folly::coro::Task<int> consume() {
  int sum = 0;
  auto gen = numbers();
  while (auto item = co_await gen.next()) {
    sum += *item;
  }
  co_return sum;
}

// ---- 8. Lambdas -----------------------------------------------------------------
folly::coro::Task<int> lambdas(int id) {
  auto task = folly::coro::co_invoke([id]() -> folly::coro::Task<int> {  // OK: lambda kept alive
    co_return co_await fetch(id);
  });
  co_return co_await std::move(task);
}

folly::SemiFuture<int> toSemi() {
  return fetch(1).semi();                            // OK: lazy SemiFuture
}
