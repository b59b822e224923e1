//===--- Asio.cpp - asio and Boost.Asio -----------------------------------===//
//
// Standalone asio (`asio::`, Debian's libasio-dev 1.22 and later) and
// Boost.Asio (`boost::asio::`, Debian's Boost 1.74 and later): one API in two
// spellings, so the two profiles share their tables. Every asynchronous
// operation is named `async_*`; the names below are the synchronous forms,
// which block (their `error_code&` overloads too). asio has no async mutex,
// semaphore or scope. Cancellation arrives as a `system_error` carrying
// `operation_aborted`, which standalone asio spells `std::system_error` and
// Boost `boost::system::system_error` (a `std::runtime_error`).
//
//===----------------------------------------------------------------------===//

#include "Profiles.h"

namespace clang::tidy::coroscope::profiles {
namespace {

constexpr llvm::StringLiteral AsyncMember =
    "use its asynchronous form: 'co_await object.async_{name}(..., {token})'";

constexpr BlockingCall Blocking[] = {
    {"asio::read|write|read_at|write_at|read_until|connect",
     "use its asynchronous form: 'co_await async_{name}(..., {token})'"},
    {"asio::basic_socket::connect|wait", AsyncMember},
    {"asio::basic_stream_socket::read_some|write_some|send|receive",
     AsyncMember},
    {"asio::basic_datagram_socket::send|send_to|receive|receive_from",
     AsyncMember},
    {"asio::basic_raw_socket::send|send_to|receive|receive_from", AsyncMember},
    {"asio::basic_seq_packet_socket::send|receive", AsyncMember},
    {"asio::basic_socket_acceptor::accept|wait", AsyncMember},
    {"asio::ip::basic_resolver::resolve", AsyncMember},
    {"asio::basic_waitable_timer::wait", AsyncMember},
    {"asio::basic_deadline_timer::wait", AsyncMember},
    {"asio::basic_serial_port::read_some|write_some", AsyncMember},
    {"asio::posix::basic_descriptor::wait", AsyncMember},
    {"asio::posix::basic_stream_descriptor::read_some|write_some",
     AsyncMember},
    {"asio::basic_readable_pipe::read_some", AsyncMember},
    {"asio::basic_writable_pipe::write_some", AsyncMember},
    {"asio::basic_stream_file::read_some|write_some", AsyncMember},
    {"asio::basic_random_access_file::read_some_at|write_some_at",
     AsyncMember},
    {"asio::ssl::stream::handshake|shutdown|read_some|write_some",
     AsyncMember},
    {"asio::buffered_read_stream::fill", AsyncMember},
    {"asio::buffered_write_stream::flush", AsyncMember},
    {"asio::buffered_stream::fill|flush|read_some|write_some", AsyncMember},
    {"asio::io_context::run|run_one|run_for|run_until|poll|poll_one",
     "a coroutine runs inside the event loop: 'co_await' the work, or "
     "'co_spawn' it, instead of running the loop from here"},
    {"asio::thread_pool::join|wait",
     "await the work itself instead: 'co_await co_spawn(pool, work, "
     "{token})'"},
    {"asio::system_context::join",
     "await the work itself instead: 'co_await co_spawn(context, work, "
     "{token})'"},
};

constexpr TaskType Tasks[] = {
    {"asio::awaitable", TaskStart::Lazy, AwaitAgain::Fails,
     "is undefined behaviour (it awaits a moved-from awaitable)"},
    // A resumable coroutine: each co_await runs it to its next co_yield.
    {"asio::experimental::coro", TaskStart::Lazy, AwaitAgain::Fine},
};

constexpr CancellationSignal AsioCancellation[] = {
    {"std::system_error", "asio::error::operation_aborted"},
};

constexpr CancellationSignal BoostCancellation[] = {
    {"boost::system::system_error", "boost::asio::error::operation_aborted"},
};

} // namespace

const LibraryProfile Asio{
    "asio",
    "asio",
    "",
    {/*Sleep=*/"wait on an 'asio::steady_timer' instead: 'co_await "
               "timer.async_wait(asio::use_awaitable)'",
     /*Lock=*/"asio has no async mutex: run the code that shares the state "
              "on one strand ('asio::make_strand'), and keep suspension "
              "points out of what a lock would guard",
     /*Semaphore=*/"asio has no async semaphore: pass the work through an "
                   "'asio::experimental::channel' and 'co_await' it",
     /*Event=*/"asio has no async event: 'co_await' a timer that the "
               "notifying side cancels, or an 'asio::experimental::channel'",
     /*Offload=*/"run it on a thread pool and await it: 'co_await "
                 "asio::co_spawn(pool, [&]() -> asio::awaitable<R> { "
                 "co_return f(); }, asio::use_awaitable)'",
     /*Cancellation=*/"rethrow cancellation: in a handler of "
                      "'std::system_error', 'if (e.code() == "
                      "asio::error::operation_aborted) throw;', or take "
                      "errors as values with "
                      "'asio::experimental::as_tuple(asio::use_awaitable)'",
     /*Cleanup=*/"guard the cleanup with its own handler, so that the "
                 "original exception is the one rethrown",
     /*AsyncCleanup=*/"await the asynchronous cleanup in a coroutine before the "
                      "object is destroyed",
     /*Guard=*/"hold it in an RAII guard that releases it in its destructor",
     /*Detach=*/"to run it in the background on purpose, 'asio::co_spawn' it "
                "with a completion handler that rethrows its exception "
                "('asio::detached' drops it)",
     /*CompletionToken=*/"asio::use_awaitable"},
    Blocking,
    AsioCancellation,
    /*Locks=*/{},
    /*ReleasingWaits=*/{},
    Tasks,
    /*Scopes=*/{}};

const LibraryProfile BoostAsio{
    "boost-asio",
    "boost::asio",
    "boost::",
    {/*Sleep=*/"wait on a 'boost::asio::steady_timer' instead: 'co_await "
               "timer.async_wait(boost::asio::use_awaitable)'",
     /*Lock=*/"Boost.Asio has no async mutex: run the code that shares the "
              "state on one strand ('boost::asio::make_strand'), and keep "
              "suspension points out of what a lock would guard",
     /*Semaphore=*/"Boost.Asio has no async semaphore: pass the work through "
                   "a channel and 'co_await' it",
     /*Event=*/"Boost.Asio has no async event: 'co_await' a timer that the "
               "notifying side cancels",
     /*Offload=*/"run it on a thread pool and await it: 'co_await "
                 "boost::asio::co_spawn(pool, [&]() -> "
                 "boost::asio::awaitable<R> { co_return f(); }, "
                 "boost::asio::use_awaitable)'",
     /*Cancellation=*/"rethrow cancellation: in a handler of "
                      "'boost::system::system_error', 'if (e.code() == "
                      "boost::asio::error::operation_aborted) throw;', or "
                      "take errors as values with "
                      "'boost::asio::redirect_error'",
     /*Cleanup=*/"guard the cleanup with its own handler, so that the "
                 "original exception is the one rethrown",
     /*AsyncCleanup=*/"await the asynchronous cleanup in a coroutine before the "
                      "object is destroyed",
     /*Guard=*/"hold it in an RAII guard that releases it in its destructor",
     /*Detach=*/"to run it in the background on purpose, "
                "'boost::asio::co_spawn' it with a completion handler that "
                "rethrows its exception ('boost::asio::detached' drops it)",
     /*CompletionToken=*/"boost::asio::use_awaitable"},
    Blocking,
    BoostCancellation,
    /*Locks=*/{},
    /*ReleasingWaits=*/{},
    Tasks,
    /*Scopes=*/{}};

} // namespace clang::tidy::coroscope::profiles
