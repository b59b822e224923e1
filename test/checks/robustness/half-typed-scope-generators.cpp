// RUN: %check_clang_tidy -expect-clang-tidy-error %s 'coroscope-*' %t -- -- -I%S/../Inputs
// Half-typed scope generators: the CFG of a function whose AST holds errors
// is not built, so nothing is reported, and nothing crashes.

#include "coroscope_runtime_stub.h"

#include <exception>
#include <vector>

using coroscope::async_context;

struct connection {
  coroscope::task<> close();
};

async_context<connection> half_typed_yield() {
  auto failure = co_yield undeclared_connection;
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  if (failure)
    std::rethrow_exception(failure);
  co_yield connection();
}

async_context<connection> half_typed_rethrow(connection conn) {
  auto failure = co_yield conn;
  if (failure)
    std::rethrow_exception(failure, undeclared_context);
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  co_await conn.close();
}

async_context<int> half_typed_loop(std::vector<int> items) {
  for (int item : undeclared_items)
    // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
    co_yield item;
  co_yield items.front();
}

async_context<undeclared_resource> unknown_resource() {
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  // CHECK-MESSAGES: :[[@LINE-2]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  co_yield 1;
  co_yield 2;
}

struct incomplete_resource;
async_context<incomplete_resource *> incomplete(incomplete_resource *r) {
  co_yield r;
  co_yield undeclared_value;
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
}

// A condition still being typed, at the end of the file.
async_context<int> half_typed_condition(std::vector<int> items) {
  while (items.size() <
    co_yield 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
}
