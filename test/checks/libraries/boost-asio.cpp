// RUN: %check_clang_tidy %s 'coroscope-*' %t -- -- -DBOOST_ASIO_HAS_CO_AWAIT -DBOOST_ASIO_HAS_STD_COROUTINE -include utility
// Boost.Asio (Debian's Boost 1.74): each check's findings, and remedies in Boost.Asio's own terms.
// coroscope library-profile input: Boost.Asio from Boost 1.74 (= asio 1.18.0; Debian 12
// libboost-dev). Compiles against the REAL Debian headers (no stubs):
// Boost 1.74's boost/asio/awaitable.hpp uses std::exchange without including <utility>;
// with clang-19 + libstdc++ 12 it only compiles if <utility> comes first (done below;
// for other files use `-include utility`).
//
// What Boost 1.74 does NOT have (arrived in Boost 1.77 / asio 1.19): per-operation
// cancellation (cancellation_signal/slot/state, this_coro::cancellation_state,
// this_coro::throw_if_cancelled), boost/asio/experimental/* (awaitable_operators,
// as_tuple, channels, parallel_group). awaitable is NOT [[nodiscard]] before 1.77.
//
// Markers: MISTAKE(<check>) = should be reported; OK = must not be reported.
// Our own code, written from the Boost.Asio API.

#include <utility>  // must precede boost/asio/awaitable.hpp in Boost 1.74 (std::exchange)

#include <boost/asio.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <string>
#include <thread>

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;
using namespace std::chrono_literals;

awaitable<std::size_t> read_header(tcp::socket& s) {
  char buf[16];
  co_return co_await asio::async_read(s, asio::buffer(buf), use_awaitable);
}

int blocking_hash(const std::string& s) { return static_cast<int>(s.size()); }

// 1. unawaited (no compiler warning here: awaitable is not [[nodiscard]] in 1.74)
awaitable<void> unawaited(tcp::socket& s) {
  char buf[16];
  s.async_read_some(asio::buffer(buf), use_awaitable);  // MISTAKE(unawaited-awaitable): never starts
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'async_read_some' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await s.async_read_some(asio::buffer(buf), use_awaitable);  // MISTAKE(unawaited-awaitable): never starts{{$}}
  read_header(s);                                       // MISTAKE(unawaited-awaitable): never runs
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'read_header' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await read_header(s);                                       // MISTAKE(unawaited-awaitable): never runs{{$}}
  co_await read_header(s);                              // OK
  auto ex = co_await asio::this_coro::executor;         // OK
  asio::co_spawn(ex, read_header(s), asio::detached);   // OK: detached on purpose (exception dropped)
  asio::co_spawn(ex, read_header(s),
                 [](std::exception_ptr e, std::size_t) { if (e) std::rethrow_exception(e); });  // OK
}

// 2. single use
awaitable<void> reused(tcp::socket& s) {
  auto a = read_header(s);
  co_await std::move(a);                                // OK
  co_await std::move(a);                                // MISTAKE(reused-scope): moved-from awaitable
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: 'a' is awaited after it was awaited; a lazy task runs only once, so using it again is undefined behaviour (it awaits a moved-from awaitable) [coroscope-reused-scope]
  // CHECK-NOTES: :[[@LINE-3]]:22: note: 'a' was awaited here
}

// 3. blocking calls and remedies
awaitable<void> blocking(asio::io_context& io, tcp::socket& s, tcp::acceptor& acc,
                         tcp::resolver& r, asio::steady_timer& t) {
  char buf[64];
  std::string line;
  std::this_thread::sleep_for(10ms);                    // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: wait on a 'boost::asio::steady_timer' instead: 'co_await timer.async_wait(boost::asio::use_awaitable)'
  t.wait();                                             // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'boost::asio::basic_waitable_timer::wait' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use its asynchronous form: 'co_await object.async_wait(..., boost::asio::use_awaitable)'
  asio::read(s, asio::buffer(buf));                     // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'boost::asio::read' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use its asynchronous form: 'co_await async_read(..., boost::asio::use_awaitable)'
  asio::write(s, asio::buffer(buf));                    // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'boost::asio::write' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use its asynchronous form: 'co_await async_write(..., boost::asio::use_awaitable)'
  asio::read_until(s, asio::dynamic_buffer(line), '\n');// MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'boost::asio::read_until' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use its asynchronous form: 'co_await async_read_until(..., boost::asio::use_awaitable)'
  boost::system::error_code ec;
  s.read_some(asio::buffer(buf), ec);                   // MISTAKE(blocking-call): error_code& overload blocks too
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'boost::asio::basic_stream_socket::read_some' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use its asynchronous form: 'co_await object.async_read_some(..., boost::asio::use_awaitable)'
  auto eps = r.resolve("example.org", "80");            // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: blocking call to 'boost::asio::ip::basic_resolver::resolve' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:14: note: use its asynchronous form: 'co_await object.async_resolve(..., boost::asio::use_awaitable)'
  asio::connect(s, eps);                                // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'boost::asio::connect' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use its asynchronous form: 'co_await async_connect(..., boost::asio::use_awaitable)'
  tcp::socket peer = acc.accept();                      // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: blocking call to 'boost::asio::basic_socket_acceptor::accept' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:22: note: use its asynchronous form: 'co_await object.async_accept(..., boost::asio::use_awaitable)'
  io.run();                                             // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'boost::asio::io_context::run' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: a coroutine runs inside the event loop: 'co_await' the work, or 'co_spawn' it, instead of running the loop from here

  t.expires_after(10ms);
  co_await t.async_wait(use_awaitable);                 // OK
  co_await asio::async_read(s, asio::buffer(buf), use_awaitable);                       // OK
  co_await asio::async_read_until(s, asio::dynamic_buffer(line), '\n', use_awaitable);  // OK
  auto eps2 = co_await r.async_resolve("example.org", "80", use_awaitable);             // OK
  co_await asio::async_connect(s, eps2, use_awaitable);                                 // OK
  tcp::socket peer2 = co_await acc.async_accept(use_awaitable);                         // OK
  (void)peer; (void)peer2;
}

awaitable<int> offload(asio::thread_pool& pool, std::string data) {
  co_return co_await asio::co_spawn(pool,              // OK: runs on the pool, resumes here
      [&]() -> awaitable<int> { co_return blocking_hash(data); }, use_awaitable);
}

// 4. cancellation = boost::system::system_error with boost::asio::error::operation_aborted
awaitable<void> swallow(tcp::socket& s) {
  char buf[64];
  for (;;) {
    try {
      co_await s.async_read_some(asio::buffer(buf), use_awaitable);
    } catch (...) {                                     // MISTAKE(swallowed-cancellation)
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: catch-all handler catches cancellation ('boost::system::system_error' with 'boost::asio::error::operation_aborted') and lets the coroutine go on without rethrowing it; it keeps running after it was cancelled, and its caller never sees the cancellation [coroscope-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE+2]]:5: note: control leaves the handler here without rethrowing
    // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow cancellation: in a handler of 'boost::system::system_error', 'if (e.code() == boost::asio::error::operation_aborted) throw;', or take errors as values with 'boost::asio::redirect_error'
    }
    co_await asio::async_write(s, asio::buffer(buf), use_awaitable);
  }
}

awaitable<void> rethrow_on_abort(tcp::socket& s) {
  char buf[64];
  for (;;) {
    try {
      co_await s.async_read_some(asio::buffer(buf), use_awaitable);
    } catch (const boost::system::system_error& e) {    // OK
      if (e.code() == asio::error::operation_aborted)
        throw;
    }
    co_await asio::async_write(s, asio::buffer(buf), use_awaitable);
  }
}

awaitable<void> echo(tcp::socket s) {
  try {
    char data[1024];
    for (;;) {
      std::size_t n = co_await s.async_read_some(asio::buffer(data), use_awaitable);
      co_await asio::async_write(s, asio::buffer(data, n), use_awaitable);
    }
  } catch (std::exception& e) {                         // OK for asio: end of coroutine, logs and returns
    std::printf("echo Exception: %s\n", e.what());
  }
}

awaitable<void> no_exceptions(tcp::socket& s) {
  char buf[64];
  boost::system::error_code ec;
  co_await s.async_read_some(asio::buffer(buf), asio::redirect_error(use_awaitable, ec));  // OK
  if (ec == asio::error::operation_aborted)
    co_return;
}

// 5. masking cleanup
awaitable<void> masking(tcp::socket& s) {
  std::exception_ptr ep;
  try {
    co_await read_header(s);
  } catch (...) {
    ep = std::current_exception();
  }
  if (ep) {
    co_await asio::async_write(s, asio::buffer("bye\n", 4), use_awaitable);  // MISTAKE(masking-cleanup)
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown; if it throws, its exception replaces the original one, which is lost [coroscope-masking-cleanup]
    // CHECK-NOTES: :[[@LINE+2]]:5: note: the original exception is rethrown here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: guard the cleanup with its own handler, so that the original exception is the one rethrown
    std::rethrow_exception(ep);
  }
}

int main() {
  asio::io_context io(1);
  asio::co_spawn(io, echo(tcp::socket(io)), asio::detached);  // OK
  io.run();                                                   // OK: not in a coroutine
}
