//===--- QCoro.cpp - QCoro and Qt -----------------------------------------===//
//
// QCoro (Debian's qcoro-qt6-dev 0.8 and later) makes Qt awaitable; the
// blocking calls it replaces are Qt's own (`waitForConnected` and the rest
// of the family, `QThread::sleep`, nested event loops), each with its
// `co_await qCoro(object).waitForXxx()` remedy. `QCoro::Task` is eager and
// runs on detached when dropped, its exception lost. QCoro has no
// cancellation exception, no async lock and no scope.
//
//===----------------------------------------------------------------------===//

#include "Profiles.h"

namespace clang::tidy::coroscope::profiles {
namespace {

constexpr llvm::StringLiteral QCoroWait =
    "use 'co_await qCoro(object).{name}(...)' instead";

constexpr llvm::StringLiteral QtLock =
    "Qt's locks block the thread: keep suspension points out of the locked "
    "section, or move the work to another thread with 'co_await "
    "QCoro::moveToThread(...)'";

constexpr BlockingCall Blocking[] = {
    {"::QAbstractSocket::waitForConnected|waitForDisconnected|"
     "waitForReadyRead|waitForBytesWritten",
     QCoroWait},
    {"::QIODevice::waitForReadyRead|waitForBytesWritten", QCoroWait},
    {"::QLocalSocket::waitForConnected|waitForDisconnected|waitForReadyRead|"
     "waitForBytesWritten",
     QCoroWait},
    {"::QProcess::waitForStarted|waitForFinished|waitForReadyRead|"
     "waitForBytesWritten",
     QCoroWait},
    {"::QTcpServer::waitForNewConnection", QCoroWait},
    {"::QThread::sleep|msleep|usleep",
     "use 'co_await QCoro::sleepFor(...)' instead"},
    {"::QThread::wait", "use 'co_await qCoro(thread).waitForFinished()' "
                        "instead"},
    {"::QEventLoop::exec",
     "await the signal the loop waits for: 'co_await qCoro(object, "
     "&Class::signal)'"},
    {"::QFuture::waitForFinished|result|results|takeResult",
     "'co_await future' instead", BlockingWhen::NotKnownReady},
    {"::QDBusPendingCall::waitForFinished", "'co_await' the call instead"},
    {"::QTest::qWait", "use 'co_await QCoro::sleepFor(...)' instead: "
                       "'QTest::qWait' runs a nested event loop"},
    {"QCoro::waitFor", "'co_await' it instead: 'QCoro::waitFor' runs a "
                       "nested event loop"},
    {"::QMutex::lock", QtLock},
    {"::QMutex::tryLock", QtLock, BlockingWhen::Always, 1},
    {"::QBasicMutex::lock", QtLock},
    {"::QRecursiveMutex::lock", QtLock},
    {"::QRecursiveMutex::tryLock", QtLock, BlockingWhen::Always, 1},
    {"::QReadWriteLock::lockForRead|lockForWrite", QtLock},
    {"::QReadWriteLock::tryLockForRead|tryLockForWrite", QtLock,
     BlockingWhen::Always, 1},
    {"::QSemaphore::acquire", QtLock},
    {"::QSemaphore::tryAcquire", QtLock, BlockingWhen::Always, 2},
    {"::QWaitCondition::wait", QtLock},
    {"::QThreadPool::waitForDone", "await the work itself instead: 'co_await "
                                   "QtConcurrent::run(...)'"},
};

constexpr AsyncLock Locks[] = {
    {"::QMutex", "lock|tryLock", "unlock",
     "'QMutexLocker locker(&mutex);' unlocks on every path"},
    {"::QRecursiveMutex", "lock|tryLock", "unlock",
     "'QMutexLocker locker(&mutex);' unlocks on every path"},
    {"::QReadWriteLock", "lockForRead|tryLockForRead", "unlock",
     "'QReadLocker locker(&lock);' unlocks on every path"},
    {"::QReadWriteLock", "lockForWrite|tryLockForWrite", "unlock",
     "'QWriteLocker locker(&lock);' unlocks on every path"},
    {"::QSemaphore", "acquire|tryAcquire", "release",
     "'QSemaphoreReleaser releaser(semaphore);' right after the acquire "
     "releases on every path"},
};

// then() with an error callback handles what the task throws.
constexpr DetachCall Detaches[] = {
    {"QCoro::Task::then", 2},
};

constexpr TaskType Tasks[] = {
    {"QCoro::Task", TaskStart::Eager, AwaitAgain::MovedFrom, "",
     "'task.then(onValue, onError)'"},
    {"QCoro::LazyTask", TaskStart::Lazy},
};

} // namespace

const LibraryProfile QCoro{
    "qcoro",
    "QCoro",
    "",
    {/*Sleep=*/"use 'co_await QCoro::sleepFor(...)' instead",
     /*Lock=*/"QCoro has no async mutex: keep suspension points out of the "
              "locked section, or move the work to another thread with "
              "'co_await QCoro::moveToThread(...)'",
     /*Semaphore=*/"await the signal that frees the resource instead: "
                   "'co_await qCoro(object, &Class::signal)'",
     /*Event=*/"await the signal instead: 'co_await qCoro(object, "
               "&Class::signal)'",
     /*Offload=*/"run it on another thread and await it: 'co_await "
                 "QtConcurrent::run(...)'",
     /*Cancellation=*/"rethrow the cancellation on every path ('throw;' or "
                      "'std::rethrow_exception')",
     /*Cleanup=*/"guard the cleanup with its own handler, so that the "
                 "original exception is the one rethrown",
     /*AsyncCleanup=*/"await the asynchronous cleanup in a coroutine before the "
                      "object is destroyed",
     /*Guard=*/"hold it in an RAII guard that releases it in its destructor",
     /*Detach=*/"to run it in the background on purpose, handle its errors "
                "in a continuation: 'task.then(onValue, onError)'"},
    Blocking,
    /*Cancellation=*/{},
    Locks,
    /*ReleasingWaits=*/{},
    Tasks,
    /*Scopes=*/{},
    /*Offloads=*/"QCoro::moveToThread",
    Detaches,
    /*PromiseResults=*/"",
    /*OffloadTags=*/"",
    /*ReadyResults=*/"::QtFuture::makeReadyFuture|makeReadyValueFuture|"
                     "makeReadyVoidFuture|makeReadyRangeFuture|"
                     "makeExceptionalFuture"};

} // namespace clang::tidy::coroscope::profiles
