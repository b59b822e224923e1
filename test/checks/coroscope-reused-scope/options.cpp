// RUN: %check_clang_tidy -check-suffix=DEFAULT %s coroscope-reused-scope %t -- -- -I%S/../Inputs
// RUN: %check_clang_tidy -check-suffix=CUSTOM %s coroscope-reused-scope %t -- \
// RUN:   -config="{CheckOptions: {coroscope-reused-scope.SingleUseTypes: 'net::.*_session', \
// RUN:     coroscope-reused-scope.ConsumingMethods: 'start;net::.*::shutdown', \
// RUN:     coroscope-reused-scope.EnteringFunctions: 'net::with_session'}}" \
// RUN:   -- -I%S/../Inputs

#include "coroscope_scopes_stub.h"

using coroscope::task;

namespace net {
struct tcp_session {
  task<void> start();
  task<void> shutdown();
  task<void> async_enter();
};
template <typename Session> task<void> with_session(Session &session);
} // namespace net

coroscope::async_context<int> resource(const char *name);
task<void> body(int &);
task<int> compute();

task<void> options(net::tcp_session &session) {
  co_await session.start();
  co_await session.start();
  // CHECK-NOTES-CUSTOM: :[[@LINE-1]]:12: warning: 'session' is consumed by 'start' after it was consumed by 'start'; 'net::tcp_session' is single-use, so the second use fails at run time [coroscope-reused-scope]
  // CHECK-NOTES-CUSTOM: :[[@LINE-3]]:12: note: 'session' was consumed by 'start' here
}

task<void> qualified_method(net::tcp_session &session) {
  co_await net::with_session(session);
  co_await session.shutdown();
  // CHECK-NOTES-CUSTOM: :[[@LINE-1]]:12: warning: 'session' is consumed by 'shutdown' after it was entered by 'with_session'
  // CHECK-NOTES-CUSTOM: :[[@LINE-3]]:30: note: 'session' was entered by 'with_session' here
}

// The default names async_enter; the custom list replaces it.
task<void> default_method(net::tcp_session &session) {
  co_await session.async_enter();
  co_await session.async_enter();
}

// coroscope's types are in the default list only; the custom list replaces
// it. Lazy tasks are single-use whatever the options say.
task<void> replaced_default() {
  auto cm = resource("A");
  co_await coroscope::async_with(cm, body);
  co_await coroscope::async_with(cm, body);
  // CHECK-NOTES-DEFAULT: :[[@LINE-1]]:34: warning: 'cm' is entered by 'async_with' after it was entered by 'async_with'
  // CHECK-NOTES-DEFAULT: :[[@LINE-3]]:34: note: 'cm' was entered by 'async_with' here
  task<int> t = compute();
  co_await t;
  co_await t;
  // CHECK-NOTES-DEFAULT: :[[@LINE-1]]:12: warning: 't' is awaited after it was awaited
  // CHECK-NOTES-DEFAULT: :[[@LINE-3]]:12: note: 't' was awaited here
  // CHECK-NOTES-CUSTOM: :[[@LINE-3]]:12: warning: 't' is awaited after it was awaited
  // CHECK-NOTES-CUSTOM: :[[@LINE-5]]:12: note: 't' was awaited here
}
