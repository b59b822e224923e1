// RUN: %check_clang_tidy -expect-clang-tidy-error %s coroscope-masking-cleanup %t -- -- -I%S/../Inputs
// Half-typed code, as clangd sees it while the user types: an error in one
// function leaves every other function analyzed as if it were not there. A
// function whose own body holds errors is skipped, even where the parser
// dropped the half-typed statement without a trace.

#include "minimal_tasks.h"
#include <exception>

using namespace demo;

struct resource {
  lazy_task<> close();
};
lazy_task<> use(resource &);
void log_error();

lazy_task<> before_the_error(resource *r) {
  std::exception_ptr ep;
  try {
    co_await use(*r);
  } catch (...) {
    ep = std::current_exception();
  }
  co_await r->close();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown; if it throws, its exception replaces the original one, which is lost [coroscope-masking-cleanup]
  if (ep)
    std::rethrow_exception(ep);
}

void being_typed() {
  connect_to_database();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: error: use of undeclared identifier 'connect_to_database' [clang-diagnostic-error]
}

// The guard's handler names a type not declared yet: the handler is
// invalid, and the cleanup would seem unguarded.
lazy_task<> guard_being_typed(resource *r) {
  std::exception_ptr ep;
  try {
    co_await use(*r);
  } catch (...) {
    ep = std::current_exception();
  }
  if (ep) {
    try {
      co_await r->close();
    } catch (const unknown_error &) {
    // CHECK-MESSAGES: :[[@LINE-1]]:20: error: unknown type name 'unknown_error' [clang-diagnostic-error]
      log_error();
    }
    std::rethrow_exception(ep);
  }
}

lazy_task<> after_the_error(resource *r) {
  std::exception_ptr ep;
  try {
    co_await use(*r);
  } catch (...) {
    ep = std::current_exception();
  }
  co_await r->close();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown; if it throws, its exception replaces the original one, which is lost [coroscope-masking-cleanup]
  if (ep)
    std::rethrow_exception(ep);
}
