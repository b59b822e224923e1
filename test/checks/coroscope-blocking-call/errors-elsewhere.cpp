// RUN: %check_clang_tidy -expect-clang-tidy-error %s coroscope-blocking-call %t -- -- -I%S/../Inputs
// Half-typed code, as clangd sees it while the user types: an error in one
// function leaves every other function analyzed as if it were not there.
// The check reads single calls, so only those that hold errors are skipped.

#include "coroscope_runtime_stub.h"

#include <chrono>
#include <thread>

using namespace std::chrono_literals;

coroscope::task<> before_the_error() {
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  co_return;
}

void being_typed() {
  connect_to_database();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: error: use of undeclared identifier 'connect_to_database' [clang-diagnostic-error]
}

coroscope::task<> half_typed() {
  std::this_thread::sleep_for(undeclared_delay);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: error: use of undeclared identifier 'undeclared_delay' [clang-diagnostic-error]
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  co_return;
}

coroscope::task<> after_the_error() {
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  co_return;
}
