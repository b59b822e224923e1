// RUN: %check_clang_tidy %s coroscope-masking-cleanup %t -- -- -I%S/../Inputs

#include "minimal_tasks.h"
#include <exception>

using namespace demo;

lazy_task<> work();
lazy_task<> close_connection();
void flush();

// A coroutine lambda with the capture idiom.
auto task = []() -> lazy_task<> {
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await close_connection();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown
  if (ep)
    std::rethrow_exception(ep);
};

// A lambda defined in the gap runs later, elsewhere: only creating it counts.
lazy_task<> lambda_in_gap() {
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (...) {
    ep = std::current_exception();
  }
  auto later = [] { flush(); };
  (void)later;
  if (ep)
    std::rethrow_exception(ep);
}

// A generic lambda, reported once.
auto generic = [](auto &resource) {
  try {
    resource.open();
  } catch (...) {
    resource.close();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: call to 'close' may throw while the caught exception waits to be rethrown
    throw;
  }
};
struct log_file {
  void open();
  void close();
};
struct socket {
  void open();
  void close();
};
void use(log_file &f, socket &s) {
  generic(f);
  generic(s);
}
