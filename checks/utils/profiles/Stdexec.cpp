//===--- Stdexec.cpp - stdexec --------------------------------------------===//
//
// stdexec (NVIDIA/stdexec, the P2300 reference; `stdexec::`, and `exec::`,
// which is an alias of `experimental::execution` since 2026). Cancellation
// is a stop, not an exception: a stopped `co_await` never resumes the
// coroutine, so no handler runs and only destructors and
// `exec::at_coroutine_exit` clean up. `sync_wait` is a variable holding a
// function object. `stdexec::task` has no `operator co_await` of its own. A
// task resumes on its own scheduler after each `co_await`, so no await moves
// the rest of it onto a thread pool.
//
//===----------------------------------------------------------------------===//

#include "Profiles.h"

namespace clang::tidy::coroscope::profiles {
namespace {

constexpr llvm::StringLiteral RunLoop =
    "a coroutine runs inside the event loop: 'co_await' the work instead of "
    "running the loop from here";

constexpr BlockingCall Blocking[] = {
    {"stdexec::sync_wait|sync_wait_with_variant",
     "'co_await' the sender instead"},
    {"stdexec::run_loop::run", RunLoop},
    {"stdexec::__run_loop::__basic_run_loop::run", RunLoop},
};

constexpr llvm::StringLiteral MovedFromTask =
    "is undefined behaviour (it awaits a moved-from task)";

constexpr TaskType Tasks[] = {
    {"exec::task", TaskStart::Lazy, AwaitAgain::Fails, MovedFromTask},
    {"experimental::execution::__task::basic_task", TaskStart::Lazy,
     AwaitAgain::Fails, MovedFromTask},
    {"stdexec::task", TaskStart::Lazy, AwaitAgain::Fails, MovedFromTask},
};

constexpr llvm::StringLiteral Unjoined =
    "its destructor asserts that no spawned work is left, which otherwise "
    "goes on using the destroyed scope";

constexpr JoinScope Scopes[] = {
    {"exec::async_scope", "spawn|spawn_future", "on_empty", Unjoined,
     "'co_await scope.on_empty();' on every path before it goes out of scope"},
    {"experimental::execution::__scope::async_scope", "spawn|spawn_future",
     "on_empty", Unjoined,
     "'co_await scope.on_empty();' on every path before it goes out of scope"},
};

} // namespace

const LibraryProfile Stdexec{
    "stdexec",
    "stdexec;exec;experimental::execution",
    "",
    {/*Sleep=*/"await a timed scheduler instead: 'co_await "
               "exec::schedule_after(scheduler, duration)'",
     /*Lock=*/"stdexec has no async mutex: keep suspension points out of "
              "what a lock would guard",
     /*Semaphore=*/"stdexec has no async semaphore: await the sender that "
                   "completes when the resource is free",
     /*Event=*/"stdexec has no async event: await the sender that completes "
               "when it happens",
     /*Offload=*/"run it on a thread pool and await it: 'co_await "
                 "stdexec::starts_on(pool.get_scheduler(), stdexec::just() | "
                 "stdexec::then(f))' (a task resumes on its own scheduler "
                 "after each 'co_await')",
     /*Cancellation=*/"stdexec cancels by stopping, not by an exception: "
                      "cleanup that must also run on stop belongs in a "
                      "destructor or in 'co_await exec::at_coroutine_exit(...)'",
     /*Cleanup=*/"run the cleanup in 'co_await exec::at_coroutine_exit(...)', "
                 "which runs it on success, error and stop",
     /*AsyncCleanup=*/"run asynchronous cleanup in 'co_await "
                      "exec::at_coroutine_exit(...)', which the coroutine awaits "
                      "as it ends",
     /*Guard=*/"hold it in an RAII guard: on stop, only destructors and "
               "'exec::at_coroutine_exit' run",
     /*Detach=*/"to run it in the background on purpose, spawn it in an "
                "'exec::async_scope' and await 'scope.on_empty()'"},
    Blocking,
    /*Cancellation=*/{},
    /*Locks=*/{},
    /*ReleasingWaits=*/{},
    Tasks,
    Scopes};

} // namespace clang::tidy::coroscope::profiles
