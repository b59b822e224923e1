// RUN: %check_clang_tidy %s 'coroscope-*' %t -- -- -fPIC -isystem/usr/include/qcoro6 -isystem/usr/include/qcoro6/qcoro -isystem/usr/include/qcoro6/QCoro -isystem/usr/include/x86_64-linux-gnu/qt6 -isystem/usr/include/x86_64-linux-gnu/qt6/QtCore -isystem/usr/include/x86_64-linux-gnu/qt6/QtNetwork -isystem/usr/include/x86_64-linux-gnu/qt6/QtConcurrent -isystem/usr/lib/x86_64-linux-gnu/qt6/mkspecs/linux-g++ -DQT_CORE_LIB -DQT_NETWORK_LIB -DQT_CONCURRENT_LIB
// QCoro (Debian's qcoro-qt6-dev over Qt 6): each check's findings, and remedies in QCoro's own terms.
// QCoro usage against Debian 12's real headers (qcoro-qt6-dev 0.8.0,
// qt6-base-dev 6.4.2). No stubs. 
// "OK:" lines are correct QCoro code; "MISTAKE(<check>):" lines are the
// lesson's mistakes the named coroscope check should report.
#include <chrono>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include <QEventLoop>
#include <QFuture>
#include <QLocalSocket>
#include <QMutex>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QString>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <QCoroAbstractSocket>
#include <QCoroFuture>
#include <QCoroIODevice>
#include <QCoroLocalSocket>
#include <QCoroNetworkReply>
#include <QCoroProcess>
#include <QCoroSignal>
#include <QCoroTask>
#include <QCoroTcpServer>
#include <QCoroThread>
#include <QCoroTimer>
#include <QtCore/qtestsupport_core.h>

using namespace std::chrono_literals;

QCoro::Task<QString> fetchName(int id);
QCoro::Task<> closeConnection();
QCoro::Task<> process(int id);
int blockingCompute(int x);

// ---- 1. QCoro::Task is EAGER (0.8: initial_suspend is std::suspend_never) -------
QCoro::Task<QString> tasks(QObject* context) {
  QString a = co_await fetchName(1);                 // OK
  auto t = fetchName(2);                             // already running
  QString b = co_await t;                            // OK: lvalue awaiting is allowed
  // QString c = co_await t;                         // returns a MOVED-FROM QString (result moved out)
  process(3);                                        // MISTAKE(unawaited-awaitable): runs detached,
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'process' is an eager task that is discarded without being awaited; it runs detached and its exception is lost [coroscope-unawaited-awaitable]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'co_await' it to wait for it; to run it in the background on purpose, 'task.then(onValue, onError)'
                                                     //   its exception is silently lost
  process(4).then([] {}, [](const std::exception&) {});  // OK: documented detach with error callback
  QCoro::connect(fetchName(5), context, [](const QString&) {});  // OK: detach bound to a QObject
  co_return a + b;
}

// ---- 2. Blocking Qt calls inside a coroutine, and their QCoro remedies --------------
QCoro::Task<> blocking(QTcpSocket& socket, QLocalSocket& local, QProcess& proc,
                       QTcpServer& server, QThread& worker, QNetworkAccessManager& nam) {
  socket.connectToHost(QStringLiteral("localhost"), 80);
  socket.waitForConnected();                         // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'QTcpSocket::waitForConnected' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await qCoro(object).waitForConnected(...)' instead
  co_await qCoro(socket).waitForConnected();         // OK
  socket.waitForReadyRead();                         // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'QTcpSocket::waitForReadyRead' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await qCoro(object).waitForReadyRead(...)' instead
  co_await qCoro(socket).waitForReadyRead(30'000);   // OK (QCoro 0.8: timeout argument required)
  socket.waitForBytesWritten(1000);                  // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'QTcpSocket::waitForBytesWritten' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await qCoro(object).waitForBytesWritten(...)' instead
  co_await qCoro(socket).waitForBytesWritten(1000);  // OK
  socket.waitForDisconnected();                      // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'QTcpSocket::waitForDisconnected' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await qCoro(object).waitForDisconnected(...)' instead
  co_await qCoro(socket).waitForDisconnected();      // OK
  QIODevice& dev = socket;
  dev.waitForReadyRead(100);                         // MISTAKE(blocking-call): QIODevice::waitForReadyRead
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'QIODevice::waitForReadyRead' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await qCoro(object).waitForReadyRead(...)' instead
  co_await qCoro(dev).waitForReadyRead(100);         // OK
  const QByteArray data = co_await qCoro(socket).readAll();  // OK

  local.waitForConnected();                          // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'QLocalSocket::waitForConnected' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await qCoro(object).waitForConnected(...)' instead
  co_await qCoro(local).waitForConnected();          // OK

  proc.start(QStringLiteral("true"), {});
  proc.waitForStarted();                             // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'QProcess::waitForStarted' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await qCoro(object).waitForStarted(...)' instead
  co_await qCoro(proc).waitForStarted();             // OK
  proc.waitForFinished();                            // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'QProcess::waitForFinished' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await qCoro(object).waitForFinished(...)' instead
  co_await qCoro(proc).waitForFinished();            // OK
  co_await qCoro(proc).start(QStringLiteral("true"), {});  // OK: start + wait for started

  server.waitForNewConnection(1000);                 // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'QTcpServer::waitForNewConnection' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await qCoro(object).waitForNewConnection(...)' instead
  QTcpSocket* peer = co_await qCoro(server).waitForNewConnection(1000);  // OK
  (void)peer;

  QThread::sleep(1);                                 // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'QThread::sleep' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await QCoro::sleepFor(...)' instead
  QThread::msleep(10);                               // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'QThread::msleep' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await QCoro::sleepFor(...)' instead
  std::this_thread::sleep_for(10ms);                 // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await QCoro::sleepFor(...)' instead
  co_await QCoro::sleepFor(10ms);                    // OK
  co_await QCoro::sleepUntil(std::chrono::steady_clock::now() + 10ms);  // OK

  worker.wait();                                     // MISTAKE(blocking-call): QThread::wait
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'QThread::wait' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await qCoro(thread).waitForFinished()' instead
  co_await qCoro(worker).waitForFinished();          // OK

  QEventLoop loop;
  QObject::connect(&proc, &QProcess::finished, &loop, &QEventLoop::quit);
  loop.exec();                                       // MISTAKE(blocking-call): nested event loop
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'QEventLoop::exec' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: await the signal the loop waits for: 'co_await qCoro(object, &Class::signal)'
  co_await qCoro(&proc, &QProcess::finished);        // OK: await the signal

  QFuture<int> fut = QtConcurrent::run([] { return blockingCompute(1); });  // OK: offloaded
  fut.waitForFinished();                             // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'QFuture::waitForFinished' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: 'co_await future' instead
  int r1 = fut.result();                             // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: blocking call to 'QFuture::result' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: 'co_await future' instead
  int r2 = co_await fut;                             // OK
  int r3 = co_await qCoro(fut).waitForFinished();    // OK
  int r4 = QtFuture::makeReadyFuture(4).result();    // OK: ready when made
  (void)r1; (void)r2; (void)r3; (void)r4;

  QString n = QCoro::waitFor(fetchName(1));          // MISTAKE(blocking-call): nested event loop
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: blocking call to 'QCoro::waitFor' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:15: note: 'co_await' it instead: 'QCoro::waitFor' runs a nested event loop
  QString m = co_await fetchName(1);                 // OK
  QTest::qWait(10);                                  // MISTAKE(blocking-call): nested event loop
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'QTest::qWait' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await QCoro::sleepFor(...)' instead: 'QTest::qWait' runs a nested event loop

  QNetworkReply* reply = nam.get(QNetworkRequest(QUrl(QStringLiteral("http://localhost/"))));
  co_await reply;                                    // OK: waits for finished()
  co_await qCoro(reply).waitForFinished();           // OK

  co_await QCoro::moveToThread(&worker);             // OK: continue on the worker thread
  (void)data; (void)n; (void)m;
}

void notACoroutine() {
  QString n = QCoro::waitFor(fetchName(1));          // OK: outside coroutines (tests, main)
  (void)n;
}

// ---- 3. Locks: QMutex blocks; QCoro 0.8 has no async mutex ---------------------------
QMutex mutex;
QCoro::Task<> locking() {
  {
    QMutexLocker lock(&mutex);                       // OK: not held across a co_await
  }
  mutex.lock();                                      // MISTAKE(blocking-call) and held across
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'QMutex::lock' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: Qt's locks block the thread: keep suspension points out of the locked section, or move the work to another thread with 'co_await QCoro::moveToThread(...)'
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: the resource acquired by 'lock' leaks if an exception or cancellation leaves before 'unlock' [coroscope-unguarded-acquire]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: cancellation or an exception at this suspension point skips 'unlock'
  // CHECK-NOTES: :[[@LINE-5]]:3: note: hold it in an RAII guard that releases it in its destructor
  co_await process(1);                               //   a suspension (deadlock on one thread)
  mutex.unlock();
}
QCoro::Task<> lockedByStandardOwner() {
  std::unique_lock<QMutex> held(mutex);            // MISTAKE(blocking-call): a thread lock
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: lock 'held' is held across a suspension point; a coroutine that locks the mutex meanwhile blocks the event loop thread, and deadlocks if it runs on the same thread [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: suspends here with the mutex held
  // CHECK-NOTES: :[[@LINE-3]]:28: note: QCoro has no async mutex: keep suspension points out of the locked section, or move the work to another thread with 'co_await QCoro::moveToThread(...)'
  co_await process(2);                               //   held across a suspension
}

// ---- 4. Cancellation: none by exception; timeouts report through the result --------
QCoro::Task<> timeouts(QTcpSocket& socket) {
  const bool ok = co_await qCoro(socket).waitForConnected(5'000);  // false on timeout
  const std::optional<qint64> written = co_await qCoro(socket).waitForBytesWritten(1'000);
  const auto ready = co_await qCoro(&socket, &QIODevice::readyRead, 1s);  // std::optional<...>
  (void)ok; (void)written; (void)ready;
  try {
    co_await process(2);
  } catch (const std::exception& e) {                // OK for QCoro: no cancellation exception exists
    (void)e;
  }
  co_await process(3);
}

// ---- 5. Cleanup masking the original exception --------------------------------------
QCoro::Task<> masking() {
  std::exception_ptr ep;
  try {
    co_await process(1);
  } catch (...) {
    ep = std::current_exception();
  }
  if (ep) {
    co_await closeConnection();                      // MISTAKE(masking-cleanup)
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown; if it throws, its exception replaces the original one, which is lost [coroscope-masking-cleanup]
    // CHECK-NOTES: :[[@LINE+2]]:5: note: the original exception is rethrown here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: guard the cleanup with its own handler, so that the original exception is the one rethrown
    std::rethrow_exception(ep);
  }
}
