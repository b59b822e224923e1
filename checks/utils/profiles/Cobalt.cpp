//===--- Cobalt.cpp - Boost.Cobalt ----------------------------------------===//
//
// Boost.Cobalt (Boost 1.84 and later, `boost::cobalt::`), built on
// Boost.Asio: its coroutines use Boost.Asio's I/O objects, whose blocking
// forms the boost-asio profile lists, awaited with `boost::cobalt::use_op`
// (`boost::asio::use_awaitable` does not compile in a Cobalt coroutine).
// A `promise` is eager and is cancelled when destroyed still attached; `+p`
// detaches it. A `thread` is eager although its initial awaiter is not
// ready. Cobalt has no locks; its scope is the `wait_group`.
//
//===----------------------------------------------------------------------===//

#include "Profiles.h"

namespace clang::tidy::coroscope::profiles {
namespace {

constexpr BlockingCall Blocking[] = {
    {"boost::cobalt::run", "'co_await' the task instead"},
    {"boost::cobalt::thread::join", "'co_await' the thread instead"},
};

constexpr CancellationSignal Cancellation[] = {
    {"boost::system::system_error", "boost::asio::error::operation_aborted"},
};

constexpr TaskType Tasks[] = {
    {"boost::cobalt::promise", TaskStart::Eager, AwaitAgain::MovedFrom, "",
     "'+p' or 'p.detach()'",
     "it is cancelled when it is destroyed still attached, and its result "
     "and exception are lost"},
    {"boost::cobalt::task", TaskStart::Lazy, AwaitAgain::MovedFrom},
    {"boost::cobalt::generator", TaskStart::Eager, AwaitAgain::Fine},
    {"boost::cobalt::thread", TaskStart::Eager, AwaitAgain::Fine, "",
     "'t.detach()'"},
};

constexpr JoinScope Scopes[] = {
    {"boost::cobalt::wait_group", "push_back",
     "wait|await_exit|operator co_await",
     "its children are cancelled and nobody waits for them, so their errors "
     "are lost",
     "'co_await' the group on every path, or run it with 'co_await "
     "boost::cobalt::with(boost::cobalt::wait_group(), body)'"},
};

} // namespace

const LibraryProfile Cobalt{
    "cobalt",
    "boost::cobalt",
    "",
    {/*Sleep=*/"wait on a 'boost::asio::steady_timer' instead: 'co_await "
               "timer.async_wait(boost::cobalt::use_op)'",
     /*Lock=*/"Boost.Cobalt has no async mutex: its coroutines share one "
              "thread, so keep suspension points out of what a lock would "
              "guard, or pass the work through a 'boost::cobalt::channel'",
     /*Semaphore=*/"wait on a 'boost::cobalt::channel' instead",
     /*Event=*/"wait on a 'boost::cobalt::channel' instead",
     /*Offload=*/"run it on a thread pool and await it: 'co_await "
                 "boost::cobalt::spawn(boost::asio::make_strand(pool."
                 "get_executor()), task(), boost::cobalt::use_op)'",
     /*Cancellation=*/"rethrow cancellation: in a handler of "
                      "'boost::system::system_error', 'if (e.code() == "
                      "boost::asio::error::operation_aborted) throw;'",
     /*Cleanup=*/"run the cleanup as the teardown of 'co_await "
                 "boost::cobalt::with(resource, body, teardown)', which "
                 "keeps the body's exception when the teardown fails",
     /*AsyncCleanup=*/"run asynchronous cleanup as the teardown of 'co_await "
                      "boost::cobalt::with(resource, body, teardown)'",
     /*Guard=*/"hold it in an RAII guard that releases it in its destructor",
     /*Detach=*/"to run it in the background on purpose, 'boost::cobalt::"
                "spawn' it with a completion handler that handles its errors",
     /*CompletionToken=*/"boost::cobalt::use_op"},
    Blocking,
    Cancellation,
    /*Locks=*/{},
    /*ReleasingWaits=*/{},
    Tasks,
    Scopes};

} // namespace clang::tidy::coroscope::profiles
