// RUN: %check_clang_tidy %s coroscope-scope-generator %t -- -- -I%S/../Inputs

#include "coroscope_runtime_stub.h"

#include <exception>
#include <stdexcept>
#include <string>

using coroscope::async_context;

struct connection {
  coroscope::task<> close();
  coroscope::task<> commit();
  coroscope::task<> rollback();
  std::string name() const;
};
struct pool {
  coroscope::task<connection> acquire();
  void release(connection &conn);
};
coroscope::task<connection> open_connection(std::string host);
void log(std::string line);
[[noreturn]] void fail_fast(std::exception_ptr failure);

// Practice question 2 of the lesson:
//   @asynccontextmanager
//   async def faulty():
//       yield "value"
//       raise RuntimeError("cleanup failed")
// written literally. In coroscope the code after co_yield runs on every
// outcome, like a `finally`, and when the body failed its exception wins
// over the cleanup's (contract 2). Nothing is skipped: not reported.
async_context<std::string> faulty() {
  co_yield "value";
  throw std::runtime_error("cleanup failed");
}

// The same resource written the way Python's bare `yield` behaves: the
// body's exception is rethrown at the yield, so the cleanup after it never
// runs when the body fails or is cancelled. The lesson's fix is "always use
// try/finally around yield"; in coroscope, just don't leave early.
async_context<connection> lossy(std::string host) {
  connection conn = co_await open_connection(host);
  std::exception_ptr failure = co_yield conn;
  if (failure)
    std::rethrow_exception(failure);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: rethrowing here when the body failed or was cancelled skips the cleanup after it; code after 'co_yield' runs on every outcome, and 'async_context' rethrows the body's exception itself [coroscope-scope-generator]
  co_await conn.close();
  // CHECK-NOTES: :[[@LINE-1]]:12: note: cleanup skipped on that path
}

// Returning early, throwing, or calling a [[noreturn]] function skips it
// just the same; so does a branch nested in the failure branch.
async_context<connection> leased(pool &connections) {
  connection conn = co_await connections.acquire();
  auto failure = co_yield conn;
  if (failure != nullptr)
    co_return;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: returning here when the body failed or was cancelled skips the cleanup after it
  connections.release(conn);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: cleanup skipped on that path
}

async_context<connection> tested_directly(std::string host) {
  connection conn = co_await open_connection(host);
  if (co_yield conn)
    throw std::runtime_error("body failed");
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: throwing here when the body failed or was cancelled skips the cleanup after it
  co_await conn.close();
  // CHECK-NOTES: :[[@LINE-1]]:12: note: cleanup skipped on that path
}

async_context<connection> nested_exit(std::string host, bool fatal) {
  connection conn = co_await open_connection(host);
  if (auto failure = co_yield conn) {
    log("body failed");
    if (fatal)
      fail_fast(failure);
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: leaving here when the body failed or was cancelled skips the cleanup after it
  }
  co_await conn.close();
  // CHECK-NOTES: :[[@LINE-1]]:12: note: cleanup skipped on that path
}

// The success branch is success-only by design (try/except/else); the code
// after the branch is what the failure path skips.
async_context<connection> negated(std::string host) {
  connection conn = co_await open_connection(host);
  std::exception_ptr failure;
  failure = co_yield conn;
  if (!failure) {
    co_await conn.commit();
  } else {
    std::rethrow_exception(failure);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: rethrowing here when the body failed or was cancelled skips the cleanup after it
  }
  co_await conn.close();
  // CHECK-NOTES: :[[@LINE-1]]:12: note: cleanup skipped on that path
}

// Not reported: the failure path handles the same resource (rollback on
// failure, commit on success), nothing is left after the exit, the outcome
// is not tested, or only a success-only step follows.
async_context<connection> transaction(std::string host) {
  connection conn = co_await open_connection(host);
  auto failure = co_yield conn;
  if (failure) {
    co_await conn.rollback();
    std::rethrow_exception(failure);
  }
  co_await conn.commit();
}

async_context<connection> every_outcome(std::string host) {
  connection conn = co_await open_connection(host);
  auto failure = co_yield conn;
  if (failure)
    co_await conn.rollback();
  else
    co_await conn.commit();
  co_await conn.close();
}

async_context<connection> cleanup_first(std::string host) {
  connection conn = co_await open_connection(host);
  auto failure = co_yield conn;
  co_await conn.close();
  if (failure)
    std::rethrow_exception(failure);
}

async_context<connection> outcome_ignored(std::string host) {
  connection conn = co_await open_connection(host);
  co_yield conn;
  co_await conn.close();
}

async_context<connection> success_log(std::string host) {
  connection conn = co_await open_connection(host);
  auto failure = co_yield conn;
  if (failure)
    co_return;
  log("released " + conn.name());
}

// What was acquired through a parameter or a member (a non-const member
// called before the yield) is cleaned up through it too.
struct mutex {
  coroscope::task<> lock();
  void unlock();
};

async_context<int> locked_parameter(mutex &m) {
  co_await m.lock();
  auto failure = co_yield 1;
  if (failure)
    std::rethrow_exception(failure);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: rethrowing here when the body failed or was cancelled skips the cleanup after it
  m.unlock();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: cleanup skipped on that path
}

struct service {
  mutex guard;
  std::string host;

  async_context<int> locked_member() {
    co_await guard.lock();
    auto failure = co_yield 1;
    if (failure)
      co_return;
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: returning here when the body failed or was cancelled skips the cleanup after it
    guard.unlock();
    // CHECK-NOTES: :[[@LINE-1]]:5: note: cleanup skipped on that path
  }

  // Not reported: nothing was acquired through the member before the yield,
  // and a parameter only read before it is not a resource.
  async_context<int> untouched_member() {
    auto failure = co_yield 1;
    if (failure)
      co_return;
    guard.unlock();
  }
};

async_context<connection> read_parameter(std::string host) {
  connection conn = co_await open_connection(host);
  auto failure = co_yield conn;
  co_await conn.close();
  if (failure)
    std::rethrow_exception(failure);
  log("closed " + host);
}

// A success-only step (SuccessOnlyFunctions, by default `commit`) is not the
// cleanup: skipping it on failure is the point. What follows it still is.
async_context<connection> commit_only(std::string host) {
  connection conn = co_await open_connection(host);
  auto failure = co_yield conn;
  if (failure)
    std::rethrow_exception(failure);
  co_await conn.commit();
}

async_context<connection> commit_then_close(std::string host) {
  connection conn = co_await open_connection(host);
  auto failure = co_yield conn;
  if (failure)
    std::rethrow_exception(failure);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: rethrowing here when the body failed or was cancelled skips the cleanup after it
  co_await conn.commit();
  co_await conn.close();
  // CHECK-NOTES: :[[@LINE-1]]:12: note: cleanup skipped on that path
}
