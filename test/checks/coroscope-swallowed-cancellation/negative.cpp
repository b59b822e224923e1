// RUN: %check_clang_tidy %s coroscope-swallowed-cancellation %t -- -- -I%S/../Inputs

#include "cancellation.h"
#include "minimal_tasks.h"
#include <exception>
#include <stdexcept>
#include <vector>

using namespace demo;

lazy_task<int> fetch();
lazy_task<> close_connection();
void log_error();
bool should_retry();
[[noreturn]] void fail_fast();

struct my_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Rethrown on every path.
lazy_task<> rethrows() {
  try {
    co_await fetch();
  } catch (...) {
    log_error();
    throw;
  }
  try {
    co_await fetch();
  } catch (...) {
    if (should_retry())
      throw;
    std::rethrow_exception(std::current_exception());
  }
}

// Another exception replaces it, or the program ends: the coroutine does not
// go on.
lazy_task<> ends_otherwise() {
  try {
    co_await fetch();
  } catch (...) {
    throw my_error("fetch failed");
  }
  try {
    co_await fetch();
  } catch (...) {
    fail_fast();
  }
  try {
    co_await fetch();
  } catch (...) {
    std::terminate();
  }
}

// The lesson's cancellation_safe: cancellation gets its own handler that
// rethrows; the catch-all after it never sees cancellation.
lazy_task<> cancellation_safe() {
  try {
    co_await fetch();
  } catch (const coroscope::cancelled &) {
    log_error();
    throw;
  } catch (...) {
    log_error();
  }
}

// The capture idiom done right: cleanup is awaited, then the exception is
// rethrown on every path that holds one.
lazy_task<> capture_then_rethrow() {
  std::exception_ptr ep;
  try {
    co_await fetch();
  } catch (...) {
    ep = std::current_exception();
  }
  co_await close_connection();
  if (ep)
    std::rethrow_exception(ep);
}

lazy_task<> capture_then_rethrow_compared() {
  std::exception_ptr ep;
  try {
    co_await fetch();
  } catch (...) {
    ep = std::current_exception();
  }
  if (ep == nullptr)
    co_return;
  co_await close_connection();
  std::rethrow_exception(std::move(ep));
}

lazy_task<> capture_then_rethrow_inside() {
  std::exception_ptr ep;
  try {
    co_await fetch();
  } catch (...) {
    ep = std::current_exception();
  }
  if (!ep) {
    co_await close_connection();
    co_return;
  }
  co_await close_connection();
  std::rethrow_exception(ep);
}

// The pointer is overwritten only while it is null: the second operand of
// the '&&' is tested in a block of its own (Seastar's rpc_tester).
bool flush_failed();
std::exception_ptr flush_error();

lazy_task<> keeps_the_first_error() {
  std::exception_ptr ep;
  try {
    co_await fetch();
  } catch (...) {
    ep = std::current_exception();
  }
  if (flush_failed() && !ep)
    ep = flush_error();
  if (ep)
    std::rethrow_exception(ep);
  co_await close_connection();
}

// Retries, but never after cancellation.
lazy_task<> retries_but_not_cancellation() {
  for (int attempt = 0;; ++attempt) {
    std::exception_ptr ep;
    try {
      co_await fetch();
      co_return;
    } catch (const coroscope::cancelled &) {
      throw;
    } catch (...) {
      ep = std::current_exception();
    }
    if (attempt == 3)
      std::rethrow_exception(ep);
  }
}

// Handed on: someone else decides what happens to it.
struct collector {
  std::exception_ptr first_error;
  std::vector<std::exception_ptr> errors;
  void set_exception(std::exception_ptr);

  lazy_task<> stores_in_member() {
    try {
      co_await fetch();
    } catch (...) {
      first_error = std::current_exception();
    }
  }
  lazy_task<> passes_to_call() {
    try {
      co_await fetch();
    } catch (...) {
      set_exception(std::current_exception());
    }
  }
  lazy_task<> captures_then_passes() {
    std::exception_ptr ep;
    try {
      co_await fetch();
    } catch (...) {
      ep = std::current_exception();
    }
    co_await close_connection();
    if (ep)
      errors.push_back(ep);
  }
};

// Handlers that cannot catch coroscope::cancelled.
lazy_task<> other_types() {
  try {
    co_await fetch();
  } catch (const my_error &) {
    log_error();
  } catch (const std::exception &) {
    log_error();
  } catch (int) {
  }
}

// Cancellation reaches the first matching handler only.
lazy_task<> two_cancellation_handlers() {
  try {
    co_await fetch();
  } catch (const coroscope::cancelled &) {
    throw;
  } catch (const coroscope::cancelled &) {
    log_error();
  }
}

// Dispatching on the type of the current exception.
lazy_task<> dispatches_on_type() {
  try {
    co_await fetch();
  } catch (...) {
    try {
      throw;
    } catch (const coroscope::cancelled &) {
      throw;
    } catch (const std::exception &) {
      log_error();
    } catch (...) {
      log_error();
    }
  }
}

// Not a coroutine: nothing is cancelled here (see CheckNonCoroutines).
void plain_function() {
  try {
    log_error();
  } catch (...) {
  }
}

// A lambda in a coroutine that is not a coroutine itself.
lazy_task<> plain_lambda_in_coroutine() {
  auto safe_log = [] {
    try {
      log_error();
    } catch (...) {
    }
  };
  safe_log();
  co_await fetch();
}

// Synchronous code between suspension points does not observe cancellation:
// a handler around it cannot catch any (e.g. test assertions that wrap each
// check in a catch-all).
bool check_state();
lazy_task<> synchronous_try_block() {
  co_await fetch();
  try {
    check_state();
  } catch (...) {
    log_error();
  }
  try {
    auto later = []() -> lazy_task<> { co_await fetch(); };
    (void)later;
  } catch (...) {
  }
}
