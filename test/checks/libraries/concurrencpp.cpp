// RUN: %check_clang_tidy %s 'coroscope-*' %t -- -- -I%S/../Inputs/concurrencpp
// concurrencpp: each check's findings, and remedies in the library's own terms.
// Usage of the concurrencpp stubs (v0.1.7 API) the way real users write it: correct
// patterns (OK) and the lesson's mistakes (MISTAKE).
#include <concurrencpp/concurrencpp.h>

#include <chrono>
#include <exception>
#include <memory>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using tp_ptr = std::shared_ptr<concurrencpp::thread_pool_executor>;
void log(const char*);
int heavy();

concurrencpp::result<int> eager_compute() { co_return 42; }
concurrencpp::lazy_result<int> lazy_compute() { co_return 7; }
concurrencpp::lazy_result<void> cleanup() { co_return; }

// parallel coroutine: posted to tp at once (eager although initial_suspend suspends)
concurrencpp::result<int> parallel_compute(concurrencpp::executor_tag, tp_ptr tp, int x) {
  co_return x * 2;
}
concurrencpp::null_result fire_and_forget(int) { co_return; }   // detached on purpose

// ---- eager / lazy / single use ----------------------------------------------------------
concurrencpp::result<int> single_use(tp_ptr tp) {
  auto r = eager_compute();          // already running
  int a = co_await r;                // OK
  int b = co_await r;                // MISTAKE: state moved out -> errors::empty_result
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: 'r' is awaited after it was awaited; awaiting it consumed it, so using it again throws 'concurrencpp::errors::empty_result' [coroscope-reused-scope]
  // CHECK-NOTES: :[[@LINE-3]]:20: note: 'r' was awaited here
  auto l = lazy_compute();
  int c = co_await l;                // OK: starts and awaits the lazy task
  auto shared = concurrencpp::shared_result<int>(eager_compute());
  int d = co_await shared + co_await shared;   // OK: shared_result awaited twice
  int e = co_await parallel_compute({}, tp, 3);
  co_return a + b + c + d + e;
}

concurrencpp::result<void> unawaited(tp_ptr tp) {
  lazy_compute();                    // MISTAKE: lazy task dropped, never runs
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'lazy_compute' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await lazy_compute();                    // MISTAKE: lazy task dropped, never runs{{$}}
  eager_compute();                   // MISTAKE: runs detached, exception lost
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'eager_compute' is an eager task that is discarded without being awaited; it runs detached and its exception is lost [coroscope-unawaited-awaitable]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'co_await' it to wait for it; to run it in the background on purpose, return 'concurrencpp::null_result' from the coroutine (its errors are then lost too)
  fire_and_forget(1);                // OK: null_result is fire-and-forget by design
  tp->post([] { heavy(); });         // OK: fire and forget
  co_await tp->submit([] { return heavy(); });
}

// ---- blocking -------------------------------------------------------------------------
concurrencpp::result<void> blocking(concurrencpp::runtime& rt, tp_ptr tp) {
  auto r = tp->submit(heavy);
  int v = r.get();                   // MISTAKE: blocks; use co_await
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: blocking call to 'concurrencpp::result::get' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:11: note: 'co_await std::move(result)' instead
  auto r2 = eager_compute();
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: 'r2' holds an eager task that is never awaited, returned or passed on; it runs detached and its exception is lost [coroscope-unawaited-awaitable]
  r2.wait();                         // MISTAKE: blocks
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'concurrencpp::result::wait' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'co_await std::move(result)' instead
  std::this_thread::sleep_for(10ms); // MISTAKE: co_await timer_queue()->make_delay_object(...)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await timer_queue->make_delay_object(duration, executor)' instead
  co_await rt.timer_queue()->make_delay_object(10ms, tp);          // OK: awaitable sleep
  co_await concurrencpp::resume_on(rt.background_executor());      // OK: offload
  heavy();
  co_await concurrencpp::resume_on(tp);
  (void)v;
}

template <class T>
concurrencpp::lazy_result<T> resumed_on(std::shared_ptr<concurrencpp::thread_executor> ex) {
  co_await concurrencpp::resume_on(ex);  // OK: in a template too, the rest runs on ex
  std::this_thread::sleep_for(10ms);
  co_return T{};
}
template concurrencpp::lazy_result<int> resumed_on<int>(std::shared_ptr<concurrencpp::thread_executor>);

// ---- cancellation: interrupted_task (broken_task / runtime_shutdown) -------------------
concurrencpp::result<void> swallow(concurrencpp::runtime& rt, tp_ptr tp) {
  for (int i = 0; i < 3; ++i) {
    try {
      co_await rt.timer_queue()->make_delay_object(1s, tp);
    } catch (const std::exception& e) {   // MISTAKE: swallows broken_task/runtime_shutdown
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: handler of 'std::exception' catches cancellation ('concurrencpp::errors::interrupted_task') and lets the coroutine go on without rethrowing it; it keeps running after it was cancelled, and its caller never sees the cancellation [coroscope-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE+4]]:5: note: control leaves the handler here without rethrowing
    // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow interruption: 'catch (const concurrencpp::errors::interrupted_task&) { throw; }' before the other handlers
    // CHECK-FIXES: {{^}}    } catch (const concurrencpp::errors::interrupted_task&) { throw; } catch (const std::exception& e) {   // MISTAKE: swallows broken_task/runtime_shutdown{{$}}
      log(e.what());
    }
  }
}
concurrencpp::result<void> handled(concurrencpp::runtime& rt, tp_ptr tp) {
  try {
    co_await concurrencpp::resume_on(tp);
    co_await rt.timer_queue()->make_delay_object(1s, tp);
  } catch (const concurrencpp::errors::interrupted_task&) {
    throw;                                 // OK: shutdown propagates
  } catch (const std::exception& e) {
    log(e.what());
  }
}

// ---- cleanup masking ------------------------------------------------------------------
concurrencpp::result<void> masking() {
  std::exception_ptr ep;
  try {
    co_await eager_compute();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await cleanup();                      // MISTAKE if cleanup throws: ep lost
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown; if it throws, its exception replaces the original one, which is lost [coroscope-masking-cleanup]
  // CHECK-NOTES: :[[@LINE+2]]:11: note: the original exception is rethrown here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: guard the cleanup with its own handler, so that the original exception is the one rethrown
  if (ep) std::rethrow_exception(ep);
}

// ---- locks & condition variable -----------------------------------------------------
concurrencpp::async_lock g_lock;
concurrencpp::async_condition_variable g_cv;
std::vector<int> g_items;

concurrencpp::result<void> locks(tp_ptr tp) {
  {
    concurrencpp::scoped_async_lock guard = co_await g_lock.lock(tp);  // OK: RAII
    g_items.push_back(1);
  }
  co_await g_lock.lock(tp);               // MISTAKE: guard discarded, unlocked immediately
  if (co_await g_lock.try_lock()) {
    co_await eager_compute();             // MISTAKE: throws -> g_lock never unlocked
    g_lock.unlock();
  }
}

concurrencpp::result<int> consumer(tp_ptr tp) {
  auto guard = co_await g_lock.lock(tp);
  co_await g_cv.await(tp, guard, [] { return !g_items.empty(); });  // OK: guard released while waiting
  int v = g_items.back();
  g_items.pop_back();
  co_return v;
}
concurrencpp::result<void> producer(tp_ptr tp) {
  {
    auto guard = co_await g_lock.lock(tp);
    g_items.push_back(2);
  }
  g_cv.notify_one();
}

// ---- when_all / when_any ----------------------------------------------------------------
concurrencpp::result<size_t> fan_out(tp_ptr tp) {
  auto all = co_await concurrencpp::when_all(tp, eager_compute(), eager_compute());
  int a = co_await std::get<0>(all);
  auto any = co_await concurrencpp::when_any(tp, eager_compute(), eager_compute());
  co_return any.index + static_cast<size_t>(a);
}

int main() {
  concurrencpp::runtime runtime;
  auto tp = runtime.thread_pool_executor();
  int v = single_use(tp).get();            // OK: outside any coroutine
  consumer(tp);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'consumer' is an eager task that is discarded without being awaited; it runs detached and its exception is lost [coroscope-unawaited-awaitable]
  producer(tp).get();
  auto manual = runtime.make_manual_executor();
  manual->loop(10);
  return v;
}

// ---- a result_promise's result: the reading end, no coroutine behind it -----------------
bool promised() {
  concurrencpp::result_promise<int> rp;
  auto r = rp.get_result();          // OK: nothing runs detached
  rp.set_result(42);
  concurrencpp::result_promise<int> unread;
  unread.get_result();               // OK: dropping it loses nothing
  return r.status() == concurrencpp::result_status::value;
}

// ---- a parallel coroutine starts on the executor after its executor_tag -------------------
concurrencpp::result<void> parallel(concurrencpp::executor_tag,
                                    std::shared_ptr<concurrencpp::thread_executor> ex) {
  std::this_thread::sleep_for(10ms);  // OK: it runs on ex from its start
  co_return;
}
