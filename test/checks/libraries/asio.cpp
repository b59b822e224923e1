// RUN: %check_clang_tidy %s 'coroscope-*' %t -- -- -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE
// asio (Debian's libasio-dev): each check's findings, and remedies in asio's own terms.
// coroscope library-profile input: standalone asio 1.22 (Debian 12 libasio-dev).
// Compiles against the REAL Debian headers (no stubs):
// (asio 1.22's config only auto-detects co_await for clang via <experimental/coroutine>,
//  which libstdc++ 12 does not have; hence the two defines.)
//
// Markers used below (one per line that a check should or should not report):
//   MISTAKE(<check>)  the check should report this line
//   OK                correct pattern: the check must stay quiet
// Our own code, written from the asio API; nothing copied from asio's sources.

#include <asio.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/experimental/channel.hpp>
#include <asio/experimental/coro.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <string>
#include <thread>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;
using namespace std::chrono_literals;
using namespace asio::experimental::awaitable_operators;

awaitable<std::size_t> read_header(tcp::socket& s) {
  char buf[16];
  co_return co_await asio::async_read(s, asio::buffer(buf), use_awaitable);
}

int blocking_hash(const std::string& s) { return static_cast<int>(s.size()); }

// ---------------------------------------------------------------------------
// 1. unawaited awaitables (coroscope-unawaited-awaitable)
awaitable<void> unawaited(tcp::socket& s) {
  char buf[16];
  s.async_read_some(asio::buffer(buf), use_awaitable);  // MISTAKE(unawaited-awaitable): lazy, never starts ([[nodiscard]] in 1.22)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'async_read_some' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await s.async_read_some(asio::buffer(buf), use_awaitable);  // MISTAKE(unawaited-awaitable): lazy, never starts ({{[[][[]}}nodiscard]] in 1.22){{$}}
  read_header(s);                                       // MISTAKE(unawaited-awaitable): lazy awaitable dropped, never runs
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: result of 'read_header' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await read_header(s);                                       // MISTAKE(unawaited-awaitable): lazy awaitable dropped, never runs{{$}}
  std::size_t n = co_await read_header(s);              // OK
  (void)n;
  auto ex = co_await asio::this_coro::executor;         // OK: this_coro tag, not an operation
  asio::co_spawn(ex, read_header(s), asio::detached);   // OK: detached on purpose (its exception is dropped silently)
  asio::co_spawn(ex, read_header(s),                    // OK: detached, exception rethrown from io_context::run()
                 [](std::exception_ptr e, std::size_t) { if (e) std::rethrow_exception(e); });
}

// ---------------------------------------------------------------------------
// 2. single use (coroscope-reused-scope): co_await of an lvalue awaitable does not
//    compile (await_transform takes it by value, copy ctor deleted); the second
//    co_await std::move(a) awaits a moved-from awaitable (null frame: UB/crash).
awaitable<void> reused(tcp::socket& s) {
  awaitable<std::size_t> a = read_header(s);
  co_await std::move(a);                                // OK
  co_await std::move(a);                                // MISTAKE(reused-scope): awaitable already consumed
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: 'a' is awaited after it was awaited; a lazy task runs only once, so using it again is undefined behaviour (it awaits a moved-from awaitable) [coroscope-reused-scope]
  // CHECK-NOTES: :[[@LINE-3]]:22: note: 'a' was awaited here
}

// ---------------------------------------------------------------------------
// 3. blocking calls in a coroutine (coroscope-blocking-call) and their remedies
awaitable<void> blocking(asio::io_context& io, tcp::socket& s, tcp::acceptor& acc,
                         tcp::resolver& r, asio::steady_timer& t) {
  char buf[64];
  std::string line;
  std::this_thread::sleep_for(10ms);                    // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: wait on an 'asio::steady_timer' instead: 'co_await timer.async_wait(asio::use_awaitable)'
  t.wait();                                             // MISTAKE(blocking-call): basic_waitable_timer::wait()
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'asio::basic_waitable_timer::wait' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use its asynchronous form: 'co_await object.async_wait(..., asio::use_awaitable)'
  asio::read(s, asio::buffer(buf));                     // MISTAKE(blocking-call): free asio::read (no token)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'asio::read' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use its asynchronous form: 'co_await async_read(..., asio::use_awaitable)'
  asio::write(s, asio::buffer(buf));                    // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'asio::write' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use its asynchronous form: 'co_await async_write(..., asio::use_awaitable)'
  asio::read_until(s, asio::dynamic_buffer(line), '\n');// MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'asio::read_until' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use its asynchronous form: 'co_await async_read_until(..., asio::use_awaitable)'
  s.read_some(asio::buffer(buf));                       // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'asio::basic_stream_socket::read_some' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use its asynchronous form: 'co_await object.async_read_some(..., asio::use_awaitable)'
  asio::error_code ec;
  s.write_some(asio::buffer(buf), ec);                  // MISTAKE(blocking-call): error_code& overload still blocks
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'asio::basic_stream_socket::write_some' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use its asynchronous form: 'co_await object.async_write_some(..., asio::use_awaitable)'
  s.send(asio::buffer(buf));                            // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'asio::basic_stream_socket::send' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use its asynchronous form: 'co_await object.async_send(..., asio::use_awaitable)'
  s.receive(asio::buffer(buf));                         // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'asio::basic_stream_socket::receive' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use its asynchronous form: 'co_await object.async_receive(..., asio::use_awaitable)'
  auto eps = r.resolve("example.org", "80");            // MISTAKE(blocking-call): basic_resolver::resolve
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: blocking call to 'asio::ip::basic_resolver::resolve' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:14: note: use its asynchronous form: 'co_await object.async_resolve(..., asio::use_awaitable)'
  asio::connect(s, eps);                                // MISTAKE(blocking-call): free asio::connect
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'asio::connect' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use its asynchronous form: 'co_await async_connect(..., asio::use_awaitable)'
  s.connect(*eps.begin());                              // MISTAKE(blocking-call): basic_socket::connect
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'asio::basic_stream_socket::connect' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use its asynchronous form: 'co_await object.async_connect(..., asio::use_awaitable)'
  tcp::socket peer = acc.accept();                      // MISTAKE(blocking-call): basic_socket_acceptor::accept
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: blocking call to 'asio::basic_socket_acceptor::accept' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:22: note: use its asynchronous form: 'co_await object.async_accept(..., asio::use_awaitable)'
  io.run();                                             // MISTAKE(blocking-call): io_context::run (re-entrant, deadlock-prone)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'asio::io_context::run' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: a coroutine runs inside the event loop: 'co_await' the work, or 'co_spawn' it, instead of running the loop from here
  io.run_one();                                         // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'asio::io_context::run_one' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: a coroutine runs inside the event loop: 'co_await' the work, or 'co_spawn' it, instead of running the loop from here
  io.run_for(10ms);                                     // MISTAKE(blocking-call)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'asio::io_context::run_for' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: a coroutine runs inside the event loop: 'co_await' the work, or 'co_spawn' it, instead of running the loop from here
  io.poll();                                            // MISTAKE(blocking-call): does not wait, but runs handlers re-entrantly
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'asio::io_context::poll' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: a coroutine runs inside the event loop: 'co_await' the work, or 'co_spawn' it, instead of running the loop from here

  // the awaitable forms
  t.expires_after(10ms);
  co_await t.async_wait(use_awaitable);                 // OK: the sleep
  co_await asio::async_read(s, asio::buffer(buf), use_awaitable);                       // OK
  co_await asio::async_write(s, asio::buffer(buf), use_awaitable);                      // OK
  co_await asio::async_read_until(s, asio::dynamic_buffer(line), '\n', use_awaitable);  // OK
  co_await s.async_read_some(asio::buffer(buf), use_awaitable);                         // OK
  auto eps2 = co_await r.async_resolve("example.org", "80", use_awaitable);             // OK
  co_await asio::async_connect(s, eps2, use_awaitable);                                 // OK
  tcp::socket peer2 = co_await acc.async_accept(use_awaitable);                         // OK
  (void)peer; (void)peer2;
}

// 3b. offloading blocking work: run it on a thread_pool and resume here.
awaitable<int> offload(asio::thread_pool& pool, std::string data) {
  int h = co_await asio::co_spawn(pool,                 // OK: canonical asio offload
      [&]() -> awaitable<int> { co_return blocking_hash(data); }, use_awaitable);
  // NOTE: `co_await asio::post(pool, use_awaitable);` compiles but resumes on the
  // coroutine's OWN executor (the handler's associated executor): it does not offload.
  co_return h;
}

// ---------------------------------------------------------------------------
// 4. cancellation (coroscope-swallowed-cancellation): it arrives as
//    asio::system_error (== std::system_error) with asio::error::operation_aborted.
awaitable<void> swallow(tcp::socket& s) {
  char buf[64];
  for (;;) {
    try {
      co_await s.async_read_some(asio::buffer(buf), use_awaitable);
    } catch (const std::exception& e) {                 // MISTAKE(swallowed-cancellation): goes on to more co_awaits
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: handler of 'std::exception' catches cancellation ('std::system_error' with 'asio::error::operation_aborted') and lets the coroutine go on without rethrowing it; it keeps running after it was cancelled, and its caller never sees the cancellation [coroscope-swallowed-cancellation]
    // CHECK-NOTES: :[[@LINE+3]]:5: note: control leaves the handler here without rethrowing
    // CHECK-NOTES: :[[@LINE-3]]:7: note: rethrow cancellation: in a handler of 'std::system_error', 'if (e.code() == asio::error::operation_aborted) throw;', or take errors as values with 'asio::experimental::as_tuple(asio::use_awaitable)'
      std::printf("read failed: %s\n", e.what());
    }
    co_await asio::async_write(s, asio::buffer(buf), use_awaitable);
  }
}

awaitable<void> rethrow_on_abort(tcp::socket& s) {
  char buf[64];
  for (;;) {
    try {
      co_await s.async_read_some(asio::buffer(buf), use_awaitable);
    } catch (const asio::system_error& e) {             // OK: rethrows cancellation
      if (e.code() == asio::error::operation_aborted)
        throw;
      std::printf("read failed: %s\n", e.what());
    }
    co_await asio::async_write(s, asio::buffer(buf), use_awaitable);
  }
}

awaitable<void> echo_like_asio_examples(tcp::socket s) {
  try {
    char data[1024];
    for (;;) {
      std::size_t n = co_await s.async_read_some(asio::buffer(data), use_awaitable);
      co_await asio::async_write(s, asio::buffer(data, n), use_awaitable);
    }
  } catch (std::exception& e) {                         // OK for asio: at the coroutine's very end, logs and returns
    std::printf("echo Exception: %s\n", e.what());
  }
}

awaitable<void> no_exceptions(tcp::socket& s) {
  char buf[64];
  auto [ec, n] = co_await s.async_read_some(asio::buffer(buf),
      asio::experimental::as_tuple(use_awaitable));     // OK: error as value, no handler involved
  asio::error_code ec2;
  co_await s.async_read_some(asio::buffer(buf), asio::redirect_error(use_awaitable, ec2));  // OK
  if (ec == asio::error::operation_aborted || ec2 == asio::error::operation_aborted)
    co_return;                                          // OK: honours cancellation
  (void)n;
}

awaitable<void> cancellation_state_api() {
  asio::cancellation_state cs = co_await asio::this_coro::cancellation_state;
  if (cs.cancelled() != asio::cancellation_type::none)
    co_return;
  co_await asio::this_coro::throw_if_cancelled(false);  // opt out of the automatic throw at the next co_await
  co_await asio::this_coro::reset_cancellation_state(asio::enable_total_cancellation());
}

// ---------------------------------------------------------------------------
// 5. masking cleanup (coroscope-masking-cleanup)
awaitable<void> masking(tcp::socket& s) {
  std::exception_ptr ep;
  try {
    co_await read_header(s);
  } catch (...) {
    ep = std::current_exception();
  }
  if (ep) {
    co_await asio::async_write(s, asio::buffer("bye\n", 4), use_awaitable);  // MISTAKE(masking-cleanup): may throw, replaces ep
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown; if it throws, its exception replaces the original one, which is lost [coroscope-masking-cleanup]
    // CHECK-NOTES: :[[@LINE+2]]:5: note: the original exception is rethrown here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: guard the cleanup with its own handler, so that the original exception is the one rethrown
    std::rethrow_exception(ep);
  }
}

// ---------------------------------------------------------------------------
// 6. "lock" built from a channel of capacity 1, as in asio's own
//    src/examples/cpp20/channels/mutual_exclusion_1.cpp (asio has no async mutex).
//    NOT reported by default: async_send/try_receive is message passing first;
//    a user who wants it checked may list it in AcquireReleasePairs.
using lock_channel = asio::experimental::channel<void()>;
awaitable<void> channel_lock(lock_channel& lock, tcp::socket& s) {
  co_await lock.async_send(use_awaitable);             // acquire
  co_await asio::async_write(s, asio::buffer("x", 1), use_awaitable);  // may throw: lock never released
  lock.try_receive([](auto...) {});                               // release
}

// ---------------------------------------------------------------------------
// 7. awaitable operators and timers (timeouts)
awaitable<void> with_timeout(tcp::socket& s) {
  asio::steady_timer t(co_await asio::this_coro::executor, 5s);
  auto which = co_await (read_header(s) || t.async_wait(use_awaitable));  // OK: loser is cancelled
  if (which.index() == 1)
    co_return;                                          // timed out
  co_await (read_header(s) && read_header(s));          // OK: both run; first exception cancels the other
}

int main() {
  asio::io_context io(1);
  tcp::socket s(io);
  asio::co_spawn(io, echo_like_asio_examples(std::move(s)), asio::detached);  // OK: outside any coroutine
  io.run();                                                                   // OK: not in a coroutine
}

// ---- asio::experimental::coro: resumable, each co_await runs it to its next co_yield -------
asio::experimental::coro<int> counter(asio::any_io_executor) {
  for (int i = 0;; ++i)
    co_yield i;
}

asio::experimental::coro<void() noexcept, int> sum_of_three(asio::any_io_executor executor) {
  auto numbers = counter(executor);
  int sum = 0;
  for (int i = 0; i < 3; ++i)
    if (auto next = co_await numbers)              // OK: the next value, not a second run
      sum += *next;
  co_return sum;
}

