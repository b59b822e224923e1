// RUN: %check_clang_tidy %s coroscope-reused-scope %t -- -- -I%S/../Inputs

#include "coroscope_scopes_stub.h"

using coroscope::task;

task<int> compute();
coroscope::async_context<int> resource(const char *name);
task<void> body(int &);

// Fine: the path that awaits returns before the second await.
task<int> returns_first(bool cached) {
  task<int> t = compute();
  if (cached)
    co_return co_await t;
  int value = co_await t;
  co_return value + 1;
}

// Fine: each case returns.
task<void> cases_return(int mode) {
  auto cm = resource("A");
  switch (mode) {
  case 0:
    co_await coroscope::async_with(cm, body);
    co_return;
  case 1:
    co_await coroscope::async_with(cm, body);
    co_return;
  }
}

// The early return is on another path: reported.
task<int> return_elsewhere(bool cached, int fallback) {
  task<int> t = compute();
  if (cached)
    co_return fallback;
  int first = co_await t;
  if (first > 0)
    co_return first;
  co_return co_await t;
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: 't' is awaited after it was awaited
  // CHECK-NOTES: :[[@LINE-5]]:24: note: 't' was awaited here
}

// A case that falls through to the next one.
task<void> falls_through(int mode) {
  auto cm = resource("B");
  switch (mode) {
  case 0:
    co_await coroscope::async_with(cm, body);
    [[fallthrough]];
  case 1:
    co_await coroscope::async_with(cm, body);
    // CHECK-NOTES: :[[@LINE-1]]:36: warning: 'cm' is entered by 'async_with' after it was entered by 'async_with'
    // CHECK-NOTES: :[[@LINE-5]]:36: note: 'cm' was entered by 'async_with' here
    co_return;
  }
}
