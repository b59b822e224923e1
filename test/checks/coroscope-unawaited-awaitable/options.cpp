// RUN: %check_clang_tidy -check-suffix=DEFAULT %s coroscope-unawaited-awaitable %t -- -- -I%S/../Inputs
// RUN: %check_clang_tidy -check-suffix=STRICT %s coroscope-unawaited-awaitable %t -- \
// RUN:   -config="{CheckOptions: {coroscope-unawaited-awaitable.AllowVoidCast: false, \
// RUN:     coroscope-unawaited-awaitable.AwaitableTypes: 'net::.*_future', \
// RUN:     coroscope-unawaited-awaitable.IgnoredTypes: '::demo::eager_task'}}" \
// RUN:   -- -I%S/../Inputs

#include "minimal_tasks.h"

using namespace demo;

namespace net {
// Awaited through a mechanism the check cannot see (e.g. await_transform).
struct send_future {};
send_future send();
} // namespace net

lazy_task<> close_connection();
eager_task spawn_heartbeat();

lazy_task<> options() {
  (void)close_connection();
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:9: warning: result of 'close_connection' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES-STRICT: {{^}}  (void)close_connection();{{$}}
  net::send();
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: result of 'send' is an awaitable that is discarded without being awaited
  // CHECK-FIXES-STRICT: {{^}}  net::send();{{$}}
  // CHECK-FIXES-DEFAULT: {{^}}  net::send();{{$}}
  spawn_heartbeat();
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: result of 'spawn_heartbeat' is an eager task
  // CHECK-FIXES-DEFAULT: {{^}}  spawn_heartbeat();{{$}}
  // CHECK-FIXES-STRICT: {{^}}  spawn_heartbeat();{{$}}
  co_return;
}
