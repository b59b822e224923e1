//===--- Coroscope.cpp - the coroscope runtime's profile ------------------===//
//
// The runtime of this project (runtime/include/coroscope/): its scopes and
// locks are RAII by construction, so it lists no acquire/release pair; its
// cancellation exception is the default of the CancellationExceptions
// option, which applies wherever it is declared.
//
//===----------------------------------------------------------------------===//

#include "Profiles.h"

namespace clang::tidy::coroscope::profiles {
namespace {

constexpr TaskType Tasks[] = {
    {"coroscope::task", TaskStart::Lazy, AwaitAgain::Fails,
     "throws 'std::logic_error'"},
};

} // namespace

const LibraryProfile Coroscope{
    "coroscope",
    "coroscope",
    "",
    {/*Sleep=*/"use 'co_await coroscope::sleep_for(...)' instead",
     /*Lock=*/"lock a 'coroscope::async_mutex' with 'co_await' instead",
     /*Semaphore=*/"acquire a 'coroscope::async_semaphore' with 'co_await' "
                   "instead",
     /*Event=*/"wait for a 'coroscope::event' with 'co_await' instead",
     /*Offload=*/"offload it with 'co_await coroscope::run_blocking(...)'",
     /*Cancellation=*/"rethrow cancellation on every path ('throw;' or "
                      "'std::rethrow_exception'); cleanup that must also run "
                      "on cancellation belongs in 'coroscope::async_with' or "
                      "a 'coroscope::exit_stack'",
     /*Cleanup=*/"guard the cleanup with its own handler, or let "
                 "'coroscope::exit_stack' or 'coroscope::async_with' run it: "
                 "they keep the original exception when cleanup fails",
     /*AsyncCleanup=*/"run asynchronous cleanup from 'async_exit' under "
                      "'coroscope::async_with', or register it on a "
                      "'coroscope::exit_stack'",
     /*Guard=*/"hold it in an RAII guard such as a 'coroscope::pool<T>' "
               "lease, or use 'coroscope::async_with'",
     /*Detach=*/"to run it in the background on purpose, spawn it in a "
                "'coroscope::task_group', which reports its errors"},
    /*Blocking=*/{},
    /*Cancellation=*/{},
    /*Locks=*/{},
    /*ReleasingWaits=*/{},
    Tasks,
    /*Scopes=*/{}};

} // namespace clang::tidy::coroscope::profiles
