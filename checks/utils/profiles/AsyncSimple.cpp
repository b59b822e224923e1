//===--- AsyncSimple.cpp - async_simple -----------------------------------===//
//
// async_simple (alibaba/async_simple, `async_simple::coro`). A `Lazy` is
// single use: awaiting it again throws `std::logic_error`. Cancellation (1.4
// and later) arrives as `async_simple::SignalException`. `coScopedLock()`
// yields a `std::unique_lock` over the coroutine mutex, which is held across
// suspension points on purpose; `ConditionVariable::wait(mutex, pred)`
// releases the mutex while it waits. A semaphore's `release()` is a `Lazy`
// to be awaited.
//
//===----------------------------------------------------------------------===//

#include "Profiles.h"

namespace clang::tidy::coroscope::profiles {
namespace {

constexpr BlockingCall Blocking[] = {
    {"async_simple::coro::syncAwait", "'co_await' it instead"},
    {"async_simple::Future::get|wait", "'co_await std::move(future)' instead"},
    {"async_simple::coro::SpinLock::lock",
     "'co_await spinLock.coLock()' instead"},
};

constexpr CancellationSignal Cancellation[] = {
    {"async_simple::SignalException"},
};

constexpr llvm::StringLiteral ScopedLock =
    "'auto lock = co_await mutex.coScopedLock();' unlocks on every path";

constexpr llvm::StringLiteral NoGuard =
    "async_simple has no RAII form for it: unlock it in a handler that "
    "rethrows as well as after the work";

constexpr AsyncLock Locks[] = {
    {"async_simple::coro::Mutex", "coLock|tryLock", "unlock", ScopedLock},
    {"async_simple::coro::SpinLock", "coLock|tryLock", "unlock", ScopedLock},
    // Declared in SharedMutexBase, from which SharedMutex derives.
    {"async_simple::coro::SharedMutexBase", "coLock", "unlock", NoGuard},
    {"async_simple::coro::SharedMutexBase", "coLockShared", "unlockShared",
     NoGuard},
    {"async_simple::coro::SharedMutex", "coLock", "unlock", NoGuard},
    {"async_simple::coro::SharedMutex", "coLockShared", "unlockShared",
     NoGuard},
    {"async_simple::coro::CountingSemaphore", "acquire|try_acquire", "release",
     "async_simple has no RAII form for it: 'co_await semaphore.release()' "
     "in a handler that rethrows as well as after the work"},
};

constexpr ReleasingWait ReleasingWaits[] = {
    {"async_simple::coro::ConditionVariable::wait", 0},
};

constexpr TaskType Tasks[] = {
    {"async_simple::coro::Lazy", TaskStart::Lazy, AwaitAgain::Fails,
     "throws 'std::logic_error'"},
    {"async_simple::coro::RescheduleLazy", TaskStart::Lazy, AwaitAgain::Fails,
     "throws 'std::logic_error'"},
};

} // namespace

const LibraryProfile AsyncSimple{
    "async_simple",
    "async_simple",
    "",
    {/*Sleep=*/"use 'co_await async_simple::coro::sleep(...)' instead",
     /*Lock=*/"lock an 'async_simple::coro::Mutex' instead: 'auto lock = "
              "co_await mutex.coScopedLock();'",
     /*Semaphore=*/"acquire an 'async_simple::coro::CountingSemaphore' with "
                   "'co_await semaphore.acquire()' instead",
     /*Event=*/"wait on an 'async_simple::coro::ConditionVariable' or "
               "'async_simple::coro::Latch' with 'co_await' instead",
     /*Offload=*/"move to another executor first: 'co_await "
                 "async_simple::coro::dispatch(executor);'",
     /*Cancellation=*/"rethrow cancellation: 'catch (const "
                      "async_simple::SignalException&) { throw; }' before "
                      "the other handlers",
     /*Cleanup=*/"guard the cleanup with its own handler, so that the "
                 "original exception is the one rethrown",
     /*AsyncCleanup=*/"await the asynchronous cleanup in a coroutine before the "
                      "object is destroyed",
     /*Guard=*/"hold it in an RAII guard that releases it in its destructor",
     /*Detach=*/"to run it in the background on purpose, "
                "'std::move(lazy).via(executor).detach()'"},
    Blocking,
    Cancellation,
    Locks,
    ReleasingWaits,
    Tasks,
    /*Scopes=*/{},
    /*Offloads=*/"async_simple::coro::dispatch"};

} // namespace clang::tidy::coroscope::profiles
