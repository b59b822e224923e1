//===--- Cppcoro.cpp - cppcoro --------------------------------------------===//
//
// cppcoro (lewissbaker/cppcoro and its maintained fork andreasbuhr/cppcoro).
// Awaiting a finished `task` again is fine for an lvalue: it yields the
// result again. An `async_scope` asserts in its destructor that it was
// joined; spawned work otherwise outlives it. `io_service::process_events`
// blocks too, but running it in a task of its own under `sync_wait` is how
// cppcoro drives its event loop, so it is not listed.
//
//===----------------------------------------------------------------------===//

#include "Profiles.h"

namespace clang::tidy::coroscope::profiles {
namespace {

constexpr BlockingCall Blocking[] = {
    {"cppcoro::sync_wait", "'co_await' it instead"},
};

constexpr CancellationSignal Cancellation[] = {
    {"cppcoro::operation_cancelled", "",
     "cppcoro::cancellation_token::throw_if_cancellation_requested",
     /*StopsOnEnd=*/true},
};

constexpr AsyncLock Locks[] = {
    {"cppcoro::async_mutex", "lock_async|try_lock", "unlock",
     "'auto lock = co_await mutex.scoped_lock_async();' unlocks on every "
     "path"},
};

constexpr TaskType Tasks[] = {
    {"cppcoro::task", TaskStart::Lazy, AwaitAgain::Fine},
    {"cppcoro::shared_task", TaskStart::Lazy, AwaitAgain::Fine},
};

constexpr JoinScope Scopes[] = {
    {"cppcoro::async_scope", "spawn", "join",
     "its destructor asserts that it was joined, and the spawned work "
     "outlives it",
     "'co_await scope.join();' on every path, also after an exception: "
     "capture it, join, then rethrow"},
};

} // namespace

const LibraryProfile Cppcoro{
    "cppcoro",
    "cppcoro",
    "",
    {/*Sleep=*/"use 'co_await io_service.schedule_after(...)' instead",
     /*Lock=*/"lock a 'cppcoro::async_mutex' instead: 'auto lock = co_await "
              "mutex.scoped_lock_async();'",
     /*Semaphore=*/"cppcoro has no semaphore: wait for a "
                   "'cppcoro::async_auto_reset_event' with 'co_await' "
                   "instead",
     /*Event=*/"wait for a 'cppcoro::async_manual_reset_event' with "
               "'co_await' instead",
     /*Offload=*/"move to a thread pool first: 'co_await "
                 "thread_pool.schedule();'",
     /*Cancellation=*/"rethrow cancellation: 'catch (const "
                      "cppcoro::operation_cancelled&) { throw; }' before the "
                      "other handlers",
     /*Cleanup=*/"guard the cleanup with its own handler, so that the "
                 "original exception is the one rethrown",
     /*AsyncCleanup=*/"await the asynchronous cleanup in a coroutine before the "
                      "object is destroyed",
     /*Guard=*/"hold it in an RAII guard that releases it in its destructor",
     /*Detach=*/"to run it in the background on purpose, spawn it in a "
                "'cppcoro::async_scope' and join the scope"},
    Blocking,
    Cancellation,
    Locks,
    /*ReleasingWaits=*/{},
    Tasks,
    Scopes,
    /*Offloads=*/"cppcoro::static_thread_pool::schedule"};

} // namespace clang::tidy::coroscope::profiles
