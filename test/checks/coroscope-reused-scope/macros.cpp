// RUN: %check_clang_tidy %s coroscope-reused-scope %t -- -- -I%S/../Inputs -isystem %S/../Inputs/system

#include "coroscope_scopes_stub.h"
#include "system_macros.h"

using coroscope::task;

task<int> compute();

#define AWAIT(x) co_await x
#define AWAIT_T() co_await t

task<void> macros() {
  task<int> t = compute();
  AWAIT(t);
  // Written as a macro argument: reported at the argument.
  AWAIT(t);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: 't' is awaited after it was awaited
  // CHECK-NOTES: :[[@LINE-4]]:9: note: 't' was awaited here
}

task<void> macro_body() {
  task<int> t = compute();
  co_await t;
  // Inside the body of a macro the user defined: reported at the expansion.
  AWAIT_T();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 't' is awaited after it was awaited
  // CHECK-NOTES: :{{[0-9]+}}:28: note: expanded from macro 'AWAIT_T'
  // CHECK-NOTES: :[[@LINE-5]]:12: note: 't' was awaited here
}

// First in a macro's body, then written out: source order is the order in
// the translation unit, not the order of the locations' encodings (a macro's
// expansion encodes higher than any file location).
task<void> macro_body_first() {
  task<int> t = compute();
  AWAIT_T();
  co_await t;
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 't' is awaited after it was awaited; a lazy task runs only once, so using it again throws 'std::logic_error' [coroscope-reused-scope]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 't' was awaited here
  // CHECK-NOTES: :{{[0-9]+}}:28: note: expanded from macro 'AWAIT_T'
}
