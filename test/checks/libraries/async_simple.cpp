// RUN: %check_clang_tidy %s 'coroscope-*' %t -- -- -I%S/../Inputs/async_simple
// async_simple: each check's findings, and remedies in the library's own terms.
// Usage of the async_simple stubs (v1.4 API) the way real users write it: correct patterns
// (OK) and the lesson's mistakes (MISTAKE).
#include <async_simple/Future.h>
#include <async_simple/Promise.h>
#include <async_simple/Signal.h>
#include <async_simple/coro/Collect.h>
#include <async_simple/coro/ConditionVariable.h>
#include <async_simple/coro/Dispatch.h>
#include <async_simple/coro/FutureAwaiter.h>
#include <async_simple/coro/Latch.h>
#include <async_simple/coro/Lazy.h>
#include <async_simple/coro/Mutex.h>
#include <async_simple/coro/Semaphore.h>
#include <async_simple/coro/SharedMutex.h>
#include <async_simple/coro/Sleep.h>
#include <async_simple/coro/SpinLock.h>
#include <async_simple/coro/SyncAwait.h>
#include <async_simple/executors/SimpleExecutor.h>

#include <chrono>
#include <exception>
#include <mutex>
#include <queue>
#include <thread>

using namespace std::chrono_literals;
using async_simple::coro::Lazy;
void log(const char*);
int heavy();

Lazy<int> compute() { co_return 42; }
Lazy<> cleanup() { co_return; }

// ---- Lazy: lazy and single use ----------------------------------------------------------
Lazy<int> single_use() {
  auto l = compute();
  int a = co_await l;            // OK: consumes l
  int b = co_await l;            // MISTAKE: used Lazy -> std::logic_error
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: 'l' is awaited after it was awaited; a lazy task runs only once, so using it again throws 'std::logic_error' [coroscope-reused-scope]
  // CHECK-NOTES: :[[@LINE-3]]:20: note: 'l' was awaited here
  auto t = co_await compute().coAwaitTry();   // OK: Try<int>, no throw
  co_return a + b + (t.hasError() ? 0 : t.value());
}

Lazy<> unawaited(async_simple::coro::CountingSemaphore<4>& sem,
                 async_simple::coro::Latch& latch) {
  compute();                     // MISTAKE: Lazy dropped, never runs
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'compute' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await compute();                     // MISTAKE: Lazy dropped, never runs{{$}}
  co_await sem.acquire();
  sem.release();                 // MISTAKE: release() is a Lazy, dropped -> not released
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'release' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await sem.release();                 // MISTAKE: release() is a Lazy, dropped -> not released{{$}}
  latch.count_down();            // MISTAKE: Lazy dropped
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'count_down' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await latch.count_down();            // MISTAKE: Lazy dropped{{$}}
  co_await latch.count_down();   // OK
}

// ---- blocking ---------------------------------------------------------------------------
Lazy<> blocking(async_simple::Executor* pool, async_simple::Future<int> fut) {
  int v = async_simple::coro::syncAwait(compute());  // MISTAKE: blocks; co_await compute()
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: blocking call to 'async_simple::coro::syncAwait' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:11: note: 'co_await' it instead
  int w = std::move(fut).get();                      // MISTAKE: blocks; co_await std::move(fut)
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: blocking call to 'async_simple::Future::get' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:11: note: 'co_await std::move(future)' instead
  std::this_thread::sleep_for(10ms);                 // MISTAKE: co_await coro::sleep(10ms)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await async_simple::coro::sleep(...)' instead
  co_await async_simple::coro::sleep(10ms);          // OK
  auto* ex = co_await async_simple::CurrentExecutor{};
  co_await ex->after(10ms);                          // OK: executor timer
  co_await async_simple::coro::dispatch(pool);       // OK: offload to another executor
  heavy();
  co_await async_simple::coro::dispatch(ex);
  (void)v, (void)w;
}

Lazy<int> await_future() {
  async_simple::Promise<int> p;
  auto f = p.getFuture();
  p.setValue(1);
  co_return co_await std::move(f);   // OK
}

// ---- cancellation: SignalException -------------------------------------------------------
Lazy<> swallow() {
  for (int i = 0; i < 3; ++i) {
    try {
      co_await async_simple::coro::sleep(1s);
    } catch (const std::exception& e) {   // MISTAKE: swallows SignalException (cancellation)
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: handler of 'std::exception' catches cancellation ('async_simple::SignalException') and lets the coroutine go on without rethrowing it; it keeps running after it was cancelled, and its caller never sees the cancellation [coroscope-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE+4]]:5: note: control leaves the handler here without rethrowing
    // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow cancellation: 'catch (const async_simple::SignalException&) { throw; }' before the other handlers
    // CHECK-FIXES: {{^}}    } catch (const async_simple::SignalException&) { throw; } catch (const std::exception& e) {   // MISTAKE: swallows SignalException (cancellation){{$}}
      log(e.what());
    }
  }
}
Lazy<> handled() {
  try {
    co_await async_simple::coro::sleep(1s);
  } catch (const async_simple::SignalException&) {
    throw;                                // OK: cancellation propagates
  } catch (const std::exception& e) {
    log(e.what());
  }
}
Lazy<> with_timeout() {
  auto res = co_await async_simple::coro::collectAny<async_simple::SignalType::Terminate>(
      compute(), async_simple::coro::sleep(1s));
  if (res.index() == 1) log("timed out");
  auto [a, b] = co_await async_simple::coro::collectAll(compute(), compute());
  if (a.hasError() || b.hasError()) log("failed");
}

// ---- cleanup masking --------------------------------------------------------------------
Lazy<> masking() {
  std::exception_ptr ep;
  try {
    co_await compute();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await cleanup();                     // MISTAKE if cleanup throws: ep lost
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown; if it throws, its exception replaces the original one, which is lost [coroscope-masking-cleanup]
  // CHECK-NOTES: :[[@LINE+2]]:11: note: the original exception is rethrown here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: guard the cleanup with its own handler, so that the original exception is the one rethrown
  if (ep) std::rethrow_exception(ep);
}

// ---- locks ------------------------------------------------------------------------------
async_simple::coro::Mutex g_mutex;
int g_var = 0;

Lazy<> locks() {
  {
    auto lk = co_await g_mutex.coScopedLock();   // OK: std::unique_lock<coro::Mutex>
    ++g_var;
  }
  co_await g_mutex.coLock();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'coLock' leaks if an exception or cancellation leaves before 'unlock' [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: cancellation or an exception at this suspension point skips 'unlock'
  // CHECK-NOTES: :[[@LINE-3]]:12: note: 'auto lock = co_await mutex.coScopedLock();' unlocks on every path
  co_await compute();                     // MISTAKE: throws -> mutex never unlocked
  g_mutex.unlock();
}

Lazy<> spin(async_simple::coro::SpinLock& s) {
  auto lk = co_await s.coScopedLock();    // OK
  {
    async_simple::coro::ScopedSpinLock guard(s);  // MISTAKE: spins the thread (blocking)
  }
  co_return;
}

Lazy<> spinHeld(async_simple::coro::SpinLock& s) {
  std::unique_lock<async_simple::coro::SpinLock> held(s);  // MISTAKE(blocking-call): spun
  // CHECK-NOTES: :[[@LINE-1]]:50: warning: lock 'held' is held across a suspension point; a coroutine that locks the mutex meanwhile blocks the event loop thread, and deadlocks if it runs on the same thread [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: suspends here with the mutex held
  // CHECK-NOTES: :[[@LINE-3]]:50: note: lock an 'async_simple::coro::Mutex' instead: 'auto lock = co_await mutex.coScopedLock();'
  co_await compute();                                       //   and held across a suspension
}

Lazy<> shared(async_simple::coro::SharedMutex& sm) {
  co_await sm.coLockShared();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'coLockShared' leaks if an exception or cancellation leaves before 'unlockShared' [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: cancellation or an exception at this suspension point skips 'unlockShared'
  // CHECK-NOTES: :[[@LINE-3]]:12: note: async_simple has no RAII form for it: unlock it in a handler that rethrows as well as after the work
  co_await compute();                     // MISTAKE: throws -> never unlockShared()
  co_await sm.unlockShared();
}

// ---- condition variable: the mutex is released while waiting ----------------------------
async_simple::coro::ConditionVariable<async_simple::coro::Mutex> g_cv;
Lazy<> waiter_manual() {                  // async_simple's own ConditionVariableTest shape
  co_await g_mutex.coLock();
  co_await g_cv.wait(g_mutex, [] { return g_var > 0; });   // OK: mutex released while suspended
  g_mutex.unlock();
}
Lazy<> waiter_scoped() {
  auto lk = co_await g_mutex.coScopedLock();
  co_await g_cv.wait(g_mutex, [] { return g_var > 0; });   // OK: documented pattern
}
Lazy<> producer() {
  {
    auto lk = co_await g_mutex.coScopedLock();
    g_var = 1;
  }
  g_cv.notifyOne();
}
struct Queue {                            // async_simple ConditionVariableTest testNotifyOne
  std::queue<int> q;
  async_simple::coro::SpinLock mutex;
  async_simple::coro::ConditionVariable<async_simple::coro::SpinLock> cv;
  Lazy<> pop(int& i) {
    std::unique_lock lk(mutex);           // blocking spin lock() (a real finding)...
    co_await cv.wait(mutex, [&] { return !q.empty(); });   // ...but the wait releases it
    i = q.front();
    q.pop();
  }
};

// ---- detached starts -----------------------------------------------------------------
void starts(async_simple::executors::SimpleExecutor& ex) {
  compute().via(&ex).start([](async_simple::Try<int> r) { (void)r; });   // OK: detached
  compute().start([](async_simple::Try<int>) {});                          // OK
  compute().via(&ex).detach();                                             // OK
  int v = async_simple::coro::syncAwait(compute().via(&ex));              // OK: top level
  (void)v;
}

int main() {
  async_simple::executors::SimpleExecutor ex(2);
  starts(ex);
  auto signal = async_simple::Signal::create();
  async_simple::coro::syncAwait(handled().setLazyLocal(signal.get()).via(&ex));
  signal->emits(async_simple::SignalType::Terminate);
  return async_simple::coro::syncAwait(single_use(), &ex);
}
