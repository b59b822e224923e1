// RUN: %check_clang_tidy -expect-clang-tidy-error %s 'coroscope-*' %t -- -- -I%S/../Inputs
// Incomplete and undefined types where the checks ask what a type is.

#include "minimal_tasks.h"

using namespace demo;

struct incomplete_task;
incomplete_task start();

template <typename T> struct never_defined;
never_defined<int> &later();

lazy_task<> uses_incomplete() {
  start();
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  auto pending = start();
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  later();
  co_await later();
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
}

// A coroutine whose return type has no promise at all.
struct not_a_task {};
// CHECK-MESSAGES: :[[@LINE+1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
not_a_task no_promise() {
  co_await std::suspend_always{};
}
