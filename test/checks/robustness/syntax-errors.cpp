// RUN: %check_clang_tidy -expect-clang-tidy-error %s 'coroscope-*' %t -- -- -I%S/../Inputs
// Half-typed code, as clangd sees it while the user types: every coroscope
// check must stay quiet where the AST holds errors, and never crash. Only the
// compiler's errors are expected (their wording varies between LLVM versions).

#include "minimal_tasks.h"

using namespace demo;

lazy_task<> close_connection();

lazy_task<> half_typed(int n) {
  close_connection(
  co_await close_connection();
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  try {
    co_await undeclared_function();
    // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  } catch (...) {
  }
  for (int i = 0; i < n; ++i
  co_return;
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
}

lazy_task<> unbalanced() {
  if (true) {
    co_await close_connection();
}
// CHECK-MESSAGES: :[[@LINE]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
