// RUN: %check_clang_tidy %s coroscope-masking-cleanup %t -- -- -I%S/../Inputs

// Analyzed in instantiations, where calls are known; reported once at the
// operation as written.

#include "minimal_tasks.h"
#include <exception>

using namespace demo;

struct throwing_resource {
  lazy_task<> close();
};
struct quiet_resource {
  void close() noexcept;
};
lazy_task<> work();

template <typename Resource> lazy_task<> with(Resource &r) {
  std::exception_ptr ep;
  try {
    co_await work();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await r.close();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'co_await' may throw while the exception held in 'ep' waits to be rethrown
  if (ep)
    std::rethrow_exception(ep);
}

template <typename Resource> void close_and_rethrow(Resource &r) {
  try {
    throw 1;
  } catch (...) {
    r.close();
    throw;
  }
}

template <typename T> struct holder {
  T *value;
  ~holder() noexcept(false) { value->close(); }
};

lazy_task<> instantiate(throwing_resource &a, quiet_resource &b) {
  co_await with(a);
  co_await with(a);
  close_and_rethrow(b);
  holder<quiet_resource> h{&b};
}
