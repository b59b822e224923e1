//===--- Concurrencpp.cpp - concurrencpp ----------------------------------===//
//
// concurrencpp (David-Haim/concurrencpp). `result` is eager and
// `lazy_result` lazy; both are single use (awaiting one again throws
// `errors::empty_result`), and `result::get()` blocks. Promises come from
// `std::coroutine_traits`. Interruption and shutdown arrive as
// `errors::interrupted_task` and its subclasses. A `result_promise`'s
// `get_result()` is a `result` that no coroutine runs behind. A coroutine
// whose first parameter is `executor_tag` starts on the executor after it.
// `async_lock::lock` yields the RAII `scoped_async_lock`; the condition
// variable releases it while it waits.
//
//===----------------------------------------------------------------------===//

#include "Profiles.h"

namespace clang::tidy::coroscope::profiles {
namespace {

constexpr BlockingCall Blocking[] = {
    {"concurrencpp::result::get|wait|wait_for|wait_until",
     "'co_await std::move(result)' instead"},
    {"concurrencpp::shared_result::get|wait|wait_for|wait_until",
     "'co_await result' instead"},
};

constexpr CancellationSignal Cancellation[] = {
    {"concurrencpp::errors::interrupted_task"},
    {"concurrencpp::errors::broken_task"},
    {"concurrencpp::errors::runtime_shutdown"},
};

constexpr ReleasingWait ReleasingWaits[] = {
    {"concurrencpp::async_condition_variable::await", 1},
};

constexpr llvm::StringLiteral EmptyResult =
    "throws 'concurrencpp::errors::empty_result'";

constexpr TaskType Tasks[] = {
    {"concurrencpp::result", TaskStart::Eager, AwaitAgain::Fails, EmptyResult,
     "return 'concurrencpp::null_result' from the coroutine (its errors are "
     "then lost too)"},
    {"concurrencpp::lazy_result", TaskStart::Lazy, AwaitAgain::Fails,
     EmptyResult},
    {"concurrencpp::shared_result", TaskStart::Eager, AwaitAgain::Fine},
};

} // namespace

const LibraryProfile Concurrencpp{
    "concurrencpp",
    "concurrencpp",
    "",
    {/*Sleep=*/"use 'co_await timer_queue->make_delay_object(duration, "
               "executor)' instead",
     /*Lock=*/"lock a 'concurrencpp::async_lock' instead: 'auto lock = "
              "co_await mutex.lock(executor);'",
     /*Semaphore=*/"wait on a 'concurrencpp::async_condition_variable' with "
                   "'co_await cv.await(executor, lock, predicate)' instead",
     /*Event=*/"wait on a 'concurrencpp::async_condition_variable' with "
               "'co_await cv.await(executor, lock, predicate)' instead",
     /*Offload=*/"move to a thread pool first: 'co_await "
                 "concurrencpp::resume_on(runtime.thread_pool_executor());'",
     /*Cancellation=*/"rethrow interruption: 'catch (const "
                      "concurrencpp::errors::interrupted_task&) { throw; }' "
                      "before the other handlers",
     /*Cleanup=*/"guard the cleanup with its own handler, so that the "
                 "original exception is the one rethrown",
     /*AsyncCleanup=*/"await the asynchronous cleanup in a coroutine before the "
                      "object is destroyed",
     /*Guard=*/"hold it in an RAII guard that releases it in its destructor",
     /*Detach=*/"to run it in the background on purpose, return "
                "'concurrencpp::null_result' from the coroutine (its errors "
                "are then lost too)"},
    Blocking,
    Cancellation,
    /*Locks=*/{},
    ReleasingWaits,
    Tasks,
    /*Scopes=*/{},
    /*Offloads=*/"concurrencpp::resume_on",
    /*Detaches=*/{},
    /*PromiseResults=*/"concurrencpp::result_promise::get_result",
    /*OffloadTags=*/"concurrencpp::executor_tag"};

} // namespace clang::tidy::coroscope::profiles
