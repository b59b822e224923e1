// RUN: %check_clang_tidy -expect-clang-tidy-error %s 'coroscope-*' %t -- -- -I%S/../Inputs
// Half-typed handlers and exceptional paths, as clangd sees them while the
// user types: the checks that follow exceptions through handlers must stay
// quiet where the AST holds errors, and never crash. Only the compiler's
// errors are expected (their wording varies between LLVM versions).

#include "cancellation.h"
#include "minimal_tasks.h"
#include <exception>

using namespace demo;

lazy_task<> close_connection();

lazy_task<> half_typed_handler() {
  try {
    co_await close_connection();
  } catch (const coroscope::cancelld &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
    throw;
  } catch (...) {
    log_failure(undeclared_reason);
    // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  }
}

lazy_task<> half_typed_capture() {
  std::exception_ptr ep;
  try {
    co_await close_connection();
  } catch (...) {
    ep = std::current_exceptio();
    // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  }
  co_await close_connection();
  if (ep)
    std::rethrow_exception(e);
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
}

lazy_task<> half_typed_cleanup() {
  std::exception_ptr ep;
  try {
    co_await close_connection(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  } catch (...) {
    ep = std::current_exception();
  }
  co_await close_connection().then();
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  if (ep)
    std::rethrow_exception(ep);
}

struct half_typed_destructor {
  ~half_typed_destructor() noexcept(false) {
    rollback(undeclared);
    // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  }
};

lazy_task<> half_typed_loop() {
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::exception_ptr ep;
    try {
      co_await close_connection();
    } catch (...) {
      ep = std::current_exception();
    }
    if (ep
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  // CHECK-MESSAGES: :[[@LINE-2]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
}
