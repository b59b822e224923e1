// RUN: %check_clang_tidy %s 'coroscope-*' %t -- -- -I%S/../Inputs/libcoro
// libcoro: each check's findings, and remedies in the library's own terms.
// Usage of the libcoro stubs (v0.16.0 API) the way real users write it: correct patterns
// (OK) and the lesson's mistakes (MISTAKE).
#include <coro/coro.hpp>

#include <atomic>
#include <chrono>
#include <exception>
#include <stop_token>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

coro::task<int> compute() { co_return 42; }
coro::task<void> cleanup() { co_return; }
void log(const char*);

// ---- task: lazy, lvalue re-await fine --------------------------------------------------
coro::task<int> twice() {
  auto t = compute();
  int a = co_await t;
  int b = co_await t;  // OK: completed task, result returned again
  co_return a + b;
}

coro::task<void> unawaited(coro::semaphore<2>& sem, coro::condition_variable& cv) {
  compute();                 // MISTAKE: lazy task dropped, never runs
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'compute' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await compute();                 // MISTAKE: lazy task dropped, never runs{{$}}
  auto r = co_await sem.acquire();
  if (r == coro::semaphore_acquire_result::acquired) {
    sem.release();           // MISTAKE (v0.16): release() is a task, dropped -> not released
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: result of 'release' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
    // CHECK-FIXES: {{^}}    co_await sem.release();           // MISTAKE (v0.16): release() is a task, dropped -> not released{{$}}
  }
  cv.notify_all();           // MISTAKE: notify task dropped, nobody is woken
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'notify_all' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await cv.notify_all();           // MISTAKE: notify task dropped, nobody is woken{{$}}
}

// ---- blocking ------------------------------------------------------------------------
coro::task<void> blocking(std::unique_ptr<coro::scheduler>& s,
                          std::unique_ptr<coro::thread_pool>& tp) {
  int v = coro::sync_wait(compute());   // MISTAKE: blocks; co_await compute()
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: blocking call to 'coro::sync_wait' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:11: note: 'co_await' it instead
  std::this_thread::sleep_for(10ms);    // MISTAKE: co_await s->yield_for(10ms)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await scheduler->yield_for(...)' instead
  co_await s->yield_for(10ms);          // OK
  co_await s->schedule_after(10ms);     // OK
  co_await tp->schedule();              // OK: offload to the thread pool
  (void)v;
}

template <class T>
coro::task<T> offloaded(coro::thread_pool& tp) {
  co_await tp.schedule();               // OK: in a template too, the rest runs on the pool
  std::this_thread::sleep_for(10ms);
  co_return T{};
}
template coro::task<int> offloaded<int>(coro::thread_pool&);

// ---- cancellation surfaces as values / stop tokens -----------------------------------
coro::task<void> consumer(coro::semaphore<2>& sem, std::stop_token st,
                          std::unique_ptr<coro::scheduler>& s) {
  while (!st.stop_requested()) {
    auto r = co_await sem.acquire();
    // CHECK-NOTES: :[[@LINE-1]]:23: warning: the resource acquired by 'acquire' leaks if an exception or cancellation leaves before 'release' [coroscope-unguarded-acquire]
    // CHECK-NOTES: :[[@LINE+3]]:5: note: cancellation or an exception at this suspension point skips 'release'
    // CHECK-NOTES: :[[@LINE-3]]:23: note: libcoro has no RAII form for it: release it in a handler that rethrows as well as after the work
    if (r == coro::semaphore_acquire_result::shutdown) co_return;  // OK: stop on shutdown
    co_await s->yield_for(1ms);
    co_await sem.release();
  }
}

// ---- exceptions: masking cleanup ------------------------------------------------------
coro::task<void> masking(std::unique_ptr<coro::thread_pool>& tp) {
  std::exception_ptr ep;
  try {
    co_await tp->schedule();
    co_await compute();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await cleanup();   // MISTAKE if cleanup throws: ep lost
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown; if it throws, its exception replaces the original one, which is lost [coroscope-masking-cleanup]
  // CHECK-NOTES: :[[@LINE+2]]:11: note: the original exception is rethrown here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: guard the cleanup with its own handler, so that the original exception is the one rethrown
  if (ep) std::rethrow_exception(ep);
}

// ---- locks ----------------------------------------------------------------------------
coro::task<void> locks(coro::mutex& m, std::unique_ptr<coro::scheduler>& s,
                       std::vector<int>& out) {
  {
    auto lk = co_await m.scoped_lock();   // OK: RAII (coro::scoped_lock)
    out.push_back(1);
  }
  co_await m.lock();                      // v0.15+: returns void, pair with unlock()
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'lock' leaks if an exception or cancellation leaves before 'unlock' [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: cancellation or an exception at this suspension point skips 'unlock'
  // CHECK-NOTES: :[[@LINE-3]]:12: note: 'auto lock = co_await mutex.scoped_lock();' unlocks on every path
  co_await s->yield_for(1ms);             // MISTAKE: suspension while manually locked
  m.unlock();
}

coro::task<void> critical() { co_return; }
coro::task<void> shared(coro::shared_mutex<coro::thread_pool>& sm) {
  co_await sm.scoped_lock(critical());    // OK: runs critical() under the exclusive lock
  co_await sm.lock_shared();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'lock_shared' leaks if an exception or cancellation leaves before 'unlock_shared' [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: cancellation or an exception at this suspension point skips 'unlock_shared'
  // CHECK-NOTES: :[[@LINE-3]]:12: note: 'co_await mutex.scoped_lock_shared(task)' runs the task under the lock
  co_await critical();                    // MISTAKE: throws -> never unlock_shared()
  co_await sm.unlock_shared();
}

// ---- condition variable: the lock is released while waiting ---------------------------
coro::task<void> waiter(coro::mutex& m, coro::condition_variable& cv, std::atomic<int>& n,
                        std::stop_source& ss) {
  auto lk = co_await m.scoped_lock();
  co_await cv.wait(lk, [&] { return n > 0; });                      // OK: documented pattern
  bool ready = co_await cv.wait(lk, ss.get_token(), [&] { return n > 0; });
  if (ready) --n;
}
coro::task<void> notifier(coro::mutex& m, coro::condition_variable& cv, std::atomic<int>& n) {
  {
    auto lk = co_await m.scoped_lock();
    ++n;
  }
  co_await cv.notify_one();               // OK
}

// ---- events / latch -------------------------------------------------------------------
coro::task<void> events(coro::event& e, coro::latch& l) {
  co_await e;
  l.count_down();
  co_await l;
}

// ---- scopes ----------------------------------------------------------------------------
coro::task<void> group_ok(std::unique_ptr<coro::thread_pool>& tp) {
  coro::task_group<coro::thread_pool> group{tp};
  (void)group.start(critical());
  co_await group;                         // OK: joined
}
coro::task<void> group_unjoined(std::unique_ptr<coro::thread_pool>& tp, bool early) {
  coro::task_group<coro::thread_pool> group{tp};
  (void)group.start(critical());
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'group' is destroyed without being joined if the function returns after 'start' spawned work into it and before 'co_await group'; its destructor blocks the thread until every task it started has finished [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE+2]]:14: note: it returns here without 'co_await group'
  // CHECK-NOTES: :[[@LINE-3]]:9: note: 'co_await' the group on every path before it goes out of scope
  if (early) co_return;                   // MISTAKE: ~task_group busy-waits this thread
  co_await group;
}
coro::task<void> spawning(std::unique_ptr<coro::thread_pool>& tp) {
  tp->spawn_detached(critical());         // OK: detached on purpose
  auto join = tp->spawn_joinable(critical());
  co_await join;
}

int main() {
  auto tp = coro::thread_pool::make_unique(coro::thread_pool::options{.thread_count = 2});
  auto s = coro::scheduler::make_unique();
  coro::mutex m;
  std::vector<int> out;
  std::vector<coro::task<void>> tasks;
  tasks.emplace_back(locks(m, s, out));
  tasks.emplace_back(blocking(s, tp));
  coro::sync_wait(coro::when_all(std::move(tasks)));   // OK: top level
  auto [a, b] = coro::sync_wait(coro::when_all(compute(), twice()));
  return a.return_value() + b.return_value();
}
