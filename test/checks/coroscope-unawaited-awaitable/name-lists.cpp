// RUN: %check_clang_tidy %s coroscope-unawaited-awaitable %t -- \
// RUN:   -config="{CheckOptions: {coroscope-unawaited-awaitable.AwaitableTypes: '::send_future', \
// RUN:     coroscope-unawaited-awaitable.IgnoredTypes: 'eager_task'}}" \
// RUN:   -- -I%S/../Inputs

// Type lists follow the rule of every coroscope name list: an entry without
// `::` names the type in any namespace, a leading `::` the global namespace.

#include "minimal_tasks.h"

struct send_future {};
send_future send();

namespace net {
struct send_future {};
send_future send();
} // namespace net

demo::eager_task spawn_heartbeat();

demo::lazy_task<> options() {
  send();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'send' is an awaitable that is discarded without being awaited
  // CHECK-FIXES: {{^}}  send();{{$}}
  net::send();
  // CHECK-FIXES: {{^}}  net::send();{{$}}
  spawn_heartbeat();
  // CHECK-FIXES: {{^}}  spawn_heartbeat();{{$}}
  co_return;
}
