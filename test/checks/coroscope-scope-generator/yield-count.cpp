// RUN: %check_clang_tidy %s coroscope-scope-generator %t -- -- -I%S/../Inputs

#include "coroscope_runtime_stub.h"

#include <stdexcept>
#include <string>
#include <vector>

using coroscope::async_context;

struct connection {
  coroscope::task<> close();
};
coroscope::task<connection> open_connection(std::string host);

// The lesson's multiple-yield example:
//   @asynccontextmanager
//   async def broken():
//       yield 1
//       yield 2  # RuntimeError: generator didn't stop
async_context<int> broken() {
  // CHECK-NOTES: :[[@LINE+3]]:3: warning: second 'co_yield' on a path through scope generator 'broken' throws 'std::logic_error' at run time; a scope generator yields exactly once [coroscope-scope-generator]
  // CHECK-NOTES: :[[@LINE+1]]:3: note: first 'co_yield' on that path
  co_yield 1;
  co_yield 2;
}

// Exactly once on every path: fine, including one co_yield per branch.
async_context<connection> open(std::string host) {
  connection conn = co_await open_connection(host);
  co_yield conn;
  co_await conn.close();
}

async_context<int> one_per_branch(bool primary) {
  if (primary)
    co_yield 1;
  else
    co_yield 2;
}

async_context<int> one_per_case(int kind) {
  switch (kind) {
  case 0:
    co_yield 0;
    break;
  default:
    co_yield 1;
  }
}

// Failing to enter, by throwing before the yield, is how a scope generator
// reports that it could not acquire: fine.
async_context<connection> must_connect(std::string host) {
  if (host.empty())
    throw std::invalid_argument("no host");
  connection conn = co_await open_connection(host);
  co_yield conn;
}

// Some path yields twice: after a branch that yields and the join.
async_context<int> yields_again(bool warm) {
  // CHECK-NOTES: :[[@LINE+4]]:3: warning: second 'co_yield' on a path through scope generator 'yields_again' throws 'std::logic_error' at run time
  // CHECK-NOTES: :[[@LINE+2]]:5: note: first 'co_yield' on that path
  if (warm)
    co_yield 1;
  co_yield 2;
}

// Some path yields nothing: an early co_return, or a branch that falls off
// the end.
async_context<int> returns_early(bool disabled) {
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: scope generator 'returns_early' can finish without 'co_yield'; entering it then throws 'std::logic_error' instead of providing its resource [coroscope-scope-generator]
  if (disabled)
    co_return;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: this path finishes without yielding
  co_yield 1;
}

async_context<int> only_when_ready(bool ready, bool cached) {
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: scope generator 'only_when_ready' can finish without 'co_yield'
  if (cached)
    co_return;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: this path finishes without yielding
  if (ready)
    co_yield 1;
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: this path finishes without yielding

// A co_yield in a loop that can come round again.
async_context<int> each(std::vector<int> items) {
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: scope generator 'each' can finish without 'co_yield'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: this path finishes without yielding
  // CHECK-NOTES: :[[@LINE+2]]:5: warning: 'co_yield' in a loop can run again on a later iteration, which throws 'std::logic_error' at run time; a scope generator yields exactly once [coroscope-scope-generator]
  for (int item : items)
    co_yield item;
}

async_context<int> until_stopped(bool &stop) {
  do {
    co_yield 1;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'co_yield' in a loop can run again on a later iteration
  } while (!stop);
}

// A retry loop that yields once and leaves: the co_yield cannot run again.
async_context<connection> with_retries(std::string host) {
  for (int attempt = 0;; ++attempt) {
    connection conn = co_await open_connection(host);
    co_yield conn;
    co_await conn.close();
    co_return;
  }
}

async_context<connection> first_reachable(std::vector<std::string> hosts) {
  for (const std::string &host : hosts) {
    connection conn = co_await open_connection(host);
    co_yield conn;
    co_return;
  }
  throw std::runtime_error("no host reachable");
}

// Exceptions caught inside the generator: the handler is a path too.
async_context<connection> acquire_or_give_up(std::string host) {
  // CHECK-NOTES: :[[@LINE-1]]:27: warning: scope generator 'acquire_or_give_up' can finish without 'co_yield'
  connection conn;
  try {
    conn = co_await open_connection(host);
  } catch (const std::exception &) {
    co_return;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: this path finishes without yielding
  }
  co_yield conn;
}

// A handler that rethrows, or one around the co_yield only (which hands the
// body's exception back as a value rather than throwing it): fine.
async_context<connection> acquire_or_rethrow(std::string host) {
  connection conn;
  try {
    conn = co_await open_connection(host);
  } catch (const std::invalid_argument &) {
    throw std::runtime_error("bad host: " + host);
  }
  co_yield conn;
}

async_context<connection> handler_around_yield(std::string host) {
  connection conn = co_await open_connection(host);
  try {
    co_yield conn;
  } catch (...) {
  }
  co_await conn.close();
}
