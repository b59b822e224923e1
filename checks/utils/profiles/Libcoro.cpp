//===--- Libcoro.cpp - libcoro --------------------------------------------===//
//
// libcoro (jbaldwin/libcoro, namespace `coro`). Up to v0.14 `co_await
// mutex.lock()` yields an RAII `coro::scoped_lock`; from v0.15 it yields
// nothing and `scoped_lock()` is the RAII form: an acquire whose awaited
// value releases in its destructor is not a manual acquire, whatever the
// version. libcoro reports shutdown by values and stop tokens, not by
// exceptions. Its condition variable releases the mutex while it waits.
//
//===----------------------------------------------------------------------===//

#include "Profiles.h"

namespace clang::tidy::coroscope::profiles {
namespace {

constexpr BlockingCall Blocking[] = {
    {"coro::sync_wait", "'co_await' it instead"},
};

constexpr AsyncLock Locks[] = {
    {"coro::mutex", "lock|try_lock", "unlock",
     "'auto lock = co_await mutex.scoped_lock();' unlocks on every path"},
    {"coro::semaphore", "acquire", "release",
     "libcoro has no RAII form for it: release it in a handler that "
     "rethrows as well as after the work"},
    {"coro::shared_mutex", "lock|try_lock", "unlock",
     "'co_await mutex.scoped_lock(task)' runs the task under the lock"},
    {"coro::shared_mutex", "lock_shared|try_lock_shared", "unlock_shared",
     "'co_await mutex.scoped_lock_shared(task)' runs the task under the "
     "lock"},
};

constexpr ReleasingWait ReleasingWaits[] = {
    {"coro::condition_variable::wait", 0},
    {"coro::condition_variable::wait_for|wait_until", 1},
};

constexpr TaskType Tasks[] = {
    {"coro::task", TaskStart::Lazy, AwaitAgain::Fine},
};

constexpr JoinScope Scopes[] = {
    {"coro::task_group", "start", "operator co_await",
     "its destructor blocks the thread until every task it started has "
     "finished",
     "'co_await' the group on every path before it goes out of scope"},
};

} // namespace

const LibraryProfile Libcoro{
    "libcoro",
    "coro",
    "",
    {/*Sleep=*/"use 'co_await scheduler->yield_for(...)' instead",
     /*Lock=*/"lock a 'coro::mutex' instead: 'auto lock = co_await "
              "mutex.scoped_lock();'",
     /*Semaphore=*/"acquire a 'coro::semaphore' with 'co_await "
                   "semaphore.acquire()' instead",
     /*Event=*/"wait for a 'coro::event' with 'co_await event' instead",
     /*Offload=*/"move to a thread pool first: 'co_await "
                 "thread_pool->schedule();'",
     /*Cancellation=*/"rethrow the cancellation on every path ('throw;' or "
                      "'std::rethrow_exception')",
     /*Cleanup=*/"guard the cleanup with its own handler, so that the "
                 "original exception is the one rethrown",
     /*AsyncCleanup=*/"await the asynchronous cleanup in a coroutine before the "
                      "object is destroyed",
     /*Guard=*/"hold it in an RAII guard that releases it in its destructor",
     /*Detach=*/"to run it in the background on purpose, "
                "'thread_pool->spawn_detached(std::move(task))'"},
    Blocking,
    /*Cancellation=*/{},
    Locks,
    ReleasingWaits,
    Tasks,
    Scopes,
    /*Offloads=*/"coro::thread_pool::schedule"};

} // namespace clang::tidy::coroscope::profiles
