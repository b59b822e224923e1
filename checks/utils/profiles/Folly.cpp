//===--- Folly.cpp - folly::coro ------------------------------------------===//
//
// folly::coro (facebook/folly, folly/coro/*.h). Its tasks and the lock
// operations are semi-awaitables: no `operator co_await`, awaitable only
// through a folly coroutine's promise, so the task types are named here.
// `blockingWait` is a variable holding a function object. `AsyncScope`'s
// destructor is a fatal check unless a started scope was joined.
//
//===----------------------------------------------------------------------===//

#include "Profiles.h"

namespace clang::tidy::coroscope::profiles {
namespace {

constexpr BlockingCall Blocking[] = {
    {"folly::coro::blockingWait|blocking_wait", "'co_await' it instead"},
    {"folly::SemiFuture::get|getTry|wait",
     "'co_await std::move(future)' instead"},
    {"folly::Future::get|getTry|getVia|getTryVia|wait|waitVia",
     "'co_await std::move(future)' instead"},
    {"folly::Baton::wait|try_wait_for|try_wait_until",
     "use a 'folly::coro::Baton' and 'co_await baton' instead"},
    {"folly::fibers::Baton::wait",
     "use a 'folly::coro::Baton' and 'co_await baton' instead"},
    {"folly::fibers::Semaphore::wait", "'co_await semaphore.co_wait()' instead"},
};

constexpr CancellationSignal Cancellation[] = {
    {"folly::OperationCancelled"},
};

constexpr llvm::StringLiteral ScopedLock =
    "'auto lock = co_await mutex.co_scoped_lock();' unlocks on every path";

constexpr AsyncLock Locks[] = {
    {"folly::coro::Mutex", "co_lock|try_lock", "unlock", ScopedLock},
    {"folly::coro::SharedMutexFair", "co_lock|try_lock", "unlock", ScopedLock},
    {"folly::coro::SharedMutexFair", "co_lock_shared|try_lock_shared",
     "unlock_shared",
     "'auto lock = co_await mutex.co_scoped_lock_shared();' unlocks on every "
     "path"},
    {"folly::coro::SharedMutexFair", "co_lock_upgrade|try_lock_upgrade",
     "unlock_upgrade",
     "'auto lock = co_await mutex.co_scoped_lock_upgrade();' unlocks on "
     "every path"},
    {"folly::fibers::Semaphore", "co_wait|try_wait", "signal",
     "folly has no RAII form for it: 'SCOPE_EXIT { semaphore.signal(); };' "
     "right after the acquire signals on every path"},
};

constexpr llvm::StringLiteral MovedFromTask =
    "is undefined behaviour (it awaits a moved-from task)";

constexpr TaskType Tasks[] = {
    {"folly::coro::Task", TaskStart::Lazy, AwaitAgain::Fails, MovedFromTask},
    {"folly::coro::TaskWithExecutor", TaskStart::Lazy, AwaitAgain::Fails,
     MovedFromTask},
    {"folly::coro::now_task", TaskStart::Lazy, AwaitAgain::Fails,
     MovedFromTask},
};

constexpr llvm::StringLiteral Unjoined =
    "its destructor fails a fatal check ('AsyncScope::cleanup() not yet "
    "complete')";

constexpr JoinScope Scopes[] = {
    {"folly::coro::AsyncScope", "add|addWithSourceLoc", "joinAsync|cleanup",
     Unjoined, "'co_await scope.joinAsync();' on every path before it goes out of scope"},
    {"folly::coro::CancellableAsyncScope", "add|co_schedule",
     "joinAsync|cancelAndJoinAsync|cleanup", Unjoined,
     "'co_await scope.cancelAndJoinAsync();' on every path before it goes out of scope"},
};

} // namespace

const LibraryProfile Folly{
    "folly",
    "folly",
    "",
    {/*Sleep=*/"use 'co_await folly::coro::sleep(...)' instead",
     /*Lock=*/"lock a 'folly::coro::Mutex' instead: 'auto lock = co_await "
              "mutex.co_scoped_lock();'",
     /*Semaphore=*/"acquire a 'folly::fibers::Semaphore' with 'co_await "
                   "semaphore.co_wait()' instead",
     /*Event=*/"wait for a 'folly::coro::Baton' with 'co_await baton' "
               "instead",
     /*Offload=*/"run it on a CPU executor and await it: 'co_await "
                 "folly::via(executor, [&] { return f(); })'",
     /*Cancellation=*/"rethrow cancellation: 'catch (const "
                      "folly::OperationCancelled&) { throw; }' before the "
                      "other handlers, or look at the outcome without "
                      "exceptions through 'folly::coro::co_awaitTry'",
     /*Cleanup=*/"guard the cleanup with its own handler, or run it in "
                 "'co_await folly::coro::co_scope_exit(...)'",
     /*AsyncCleanup=*/"run asynchronous cleanup in 'co_await "
                      "folly::coro::co_scope_exit(...)', which the coroutine "
                      "awaits as it ends",
     /*Guard=*/"release it in 'SCOPE_EXIT { ... };' right after the "
               "acquire, which runs on every path",
     /*Detach=*/"to run it in the background on purpose, start it on an "
                "executor: 'co_withExecutor(executor, std::move(task))"
                ".start()', or add it to a 'folly::coro::AsyncScope'"},
    Blocking,
    Cancellation,
    Locks,
    /*ReleasingWaits=*/{},
    Tasks,
    Scopes};

} // namespace clang::tidy::coroscope::profiles
