// RUN: %check_clang_tidy %s coroscope-unawaited-awaitable %t -- -- -I%S/../Inputs
// 'clang-tidy --fix' applies every fix-it unseen: 'co_await' is inserted
// only where that is certainly the meaning, and so that it awaits the whole
// discarded value.

#include "minimal_tasks.h"

using namespace demo;

lazy_task<> read_header();
lazy_task<> read_body();
// Awaitable operators (as asio's `a || b`): the result is a task too.
lazy_task<> operator||(lazy_task<>, lazy_task<>);
lazy_task<> operator&&(lazy_task<>, lazy_task<>);

#define CLOSE_LATER() read_header()

lazy_task<> operators() {
  read_header() || read_body();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'operator||' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  co_await (read_header() || read_body());{{$}}
  read_header() && read_body() || read_body();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'operator||' is a lazy task
  // CHECK-FIXES: {{^}}  co_await (read_header() && read_body() || read_body());{{$}}
  co_return;
}

// A discarded task spelled by a macro is reported where the macro is used;
// the macro cannot be edited for one use, so there is no fix-it.
lazy_task<> in_a_macro() {
  CLOSE_LATER();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'read_header' is a lazy task
  // CHECK-FIXES: {{^}}  CLOSE_LATER();{{$}}
  co_return;
}
