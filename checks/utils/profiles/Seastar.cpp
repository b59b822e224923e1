//===--- Seastar.cpp - Seastar --------------------------------------------===//
//
// Seastar (scylladb/seastar), coroutines over `seastar::future`, which is
// eager: dropping one lets the work go on detached, and a failure is only
// logged. `future::get()` and `wait()` abort outside a `seastar::thread`
// unless the future is ready. Cancellation arrives as
// `abort_requested_exception` and its subclasses, and `gate_closed_exception`
// at shutdown. Seastar's condition variable takes no lock, and the reactor
// offers no way to run blocking work on another thread.
//
//===----------------------------------------------------------------------===//

#include "Profiles.h"

namespace clang::tidy::coroscope::profiles {
namespace {

constexpr BlockingCall Blocking[] = {
    {"seastar::future::get|get0|wait", "'co_await std::move(future)' instead",
     BlockingWhen::NotKnownReady},
};

constexpr CancellationSignal Cancellation[] = {
    {"seastar::abort_requested_exception", "", "seastar::abort_source::check"},
    {"seastar::sleep_aborted"},
    {"seastar::semaphore_aborted"},
    {"seastar::gate_closed_exception", "", "seastar::gate::check|enter"},
};

constexpr AsyncLock Locks[] = {
    {"seastar::basic_semaphore", "wait|try_wait", "signal",
     "'auto units = co_await seastar::get_units(semaphore, n);' returns them "
     "on every path"},
    {"seastar::gate", "enter|try_enter", "leave",
     "'auto holder = gate.hold();' leaves the gate on every path"},
    {"seastar::basic_rwlock", "read_lock|try_read_lock", "read_unlock",
     "'auto holder = co_await lock.hold_read_lock();' unlocks on every path"},
    {"seastar::basic_rwlock", "write_lock|try_write_lock", "write_unlock",
     "'auto holder = co_await lock.hold_write_lock();' unlocks on every path"},
    {"seastar::shared_mutex", "lock|try_lock", "unlock",
     "'co_await seastar::with_lock(mutex, [&] { ... })' unlocks on every "
     "path"},
    {"seastar::shared_mutex", "lock_shared|try_lock_shared", "unlock_shared",
     "'co_await seastar::with_shared(mutex, [&] { ... })' unlocks on every "
     "path"},
};

constexpr TaskType Tasks[] = {
    {"seastar::future", TaskStart::Eager, AwaitAgain::Fails,
     "aborts (it awaits a moved-from future)",
     "discard it explicitly, '(void)f', in a 'seastar::with_gate' that "
     "is closed at shutdown"},
};

} // namespace

const LibraryProfile Seastar{
    "seastar",
    "seastar",
    "",
    {/*Sleep=*/"use 'co_await seastar::sleep(...)' instead",
     /*Lock=*/"use a 'seastar::semaphore' of one unit instead: 'auto units "
              "= co_await seastar::get_units(semaphore, 1);'",
     /*Semaphore=*/"use a 'seastar::semaphore' instead: 'auto units = "
                   "co_await seastar::get_units(semaphore, n);'",
     /*Event=*/"wait on a 'seastar::condition_variable' with 'co_await "
               "cv.wait()' instead",
     /*Offload=*/"Seastar cannot run blocking work on the reactor: use its "
                 "asynchronous API for the operation (timers, "
                 "'seastar::open_file_dma', 'seastar::connect'), or run it "
                 "on a 'std::thread' and hand the result back with "
                 "'seastar::alien::submit_to'",
     /*Cancellation=*/"rethrow cancellation: 'catch (const "
                      "seastar::abort_requested_exception&) { throw; }' "
                      "before the other handlers",
     /*Cleanup=*/"guard the cleanup with its own handler, so that the "
                 "original exception is the one rethrown",
     /*AsyncCleanup=*/"await the asynchronous cleanup in a coroutine before the "
                      "object is destroyed",
     /*Guard=*/"hold it in an RAII guard that releases it in its destructor",
     /*Detach=*/"to run it in the background on purpose, discard it "
                "explicitly, '(void)f', inside a 'seastar::with_gate' whose "
                "gate is closed at shutdown"},
    Blocking,
    Cancellation,
    Locks,
    /*ReleasingWaits=*/{},
    Tasks,
    /*Scopes=*/{},
    /*Offloads=*/"",
    /*Detaches=*/{},
    /*PromiseResults=*/"",
    /*OffloadTags=*/"",
    /*ReadyResults=*/"seastar::make_ready_future|make_exception_future|now"};

} // namespace clang::tidy::coroscope::profiles
