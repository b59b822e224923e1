// RUN: %check_clang_tidy %s coroscope-swallowed-cancellation %t -- -- -I%S/../Inputs

#include "cancellation.h"
#include "minimal_tasks.h"
#include <exception>

using namespace demo;

lazy_task<int> fetch();
lazy_task<> close_connection();
void log_error();
bool should_retry();

// Mistake 4 in C++: the lesson's cancellation_safe re-raises; this one logs
// and goes on, so a cancelled coroutine keeps running.
lazy_task<> swallows_everything() {
  try {
    co_await fetch();
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation ('coroscope::cancelled') and lets the coroutine go on without rethrowing it; it keeps running after it was cancelled, and its caller never sees the cancellation [coroscope-swallowed-cancellation]
  // CHECK-FIXES: {{^}}  } catch (const coroscope::cancelled&) { throw; } catch (...) {{{$}}
    log_error();
  }
  co_await close_connection();
}

// Rethrows on one path only.
lazy_task<> rethrows_sometimes() {
  try {
    co_await fetch();
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation ('coroscope::cancelled') and lets the coroutine go on
  // CHECK-FIXES: {{^}}  } catch (const coroscope::cancelled&) { throw; } catch (...) {{{$}}
    if (!should_retry())
      throw;
  }
}

// A handler of the cancellation type itself that forgets to rethrow.
lazy_task<> handles_cancellation_and_forgets() {
  try {
    co_await fetch();
  } catch (const coroscope::cancelled &) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: handler of 'coroscope::cancelled' lets the coroutine go on without rethrowing the cancellation; it keeps running after it was cancelled, and its caller never sees the cancellation [coroscope-swallowed-cancellation]
    log_error();
  }
}

// co_return in a handler completes the coroutine normally.
lazy_task<> returns_from_handler() {
  try {
    co_await fetch();
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation
  // CHECK-FIXES: {{^}}  } catch (const coroscope::cancelled&) { throw; } catch (...) {{{$}}
    co_return;
  }
}

// A retry loop: every error, cancellation included, leads to another try.
lazy_task<> retries_forever() {
  for (;;) {
    try {
      co_await fetch();
      co_return;
    } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: catch-all handler catches cancellation
    // CHECK-FIXES: {{^}}    } catch (const coroscope::cancelled&) { throw; } catch (...) {{{$}}
      continue;
    }
  }
}

// The capture idiom: the exception is stored, cleanup is awaited, but on one
// path the stored exception is never rethrown.
lazy_task<> captures_and_forgets() {
  std::exception_ptr ep;
  try {
    co_await fetch();
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation
  // CHECK-FIXES: {{^}}  } catch (const coroscope::cancelled&) { throw; } catch (...) {{{$}}
    ep = std::current_exception();
  }
  co_await close_connection();
  if (ep && !should_retry())
    std::rethrow_exception(ep);
}

// Retries after any error, cancellation included: the next iteration
// declares the exception_ptr anew.
lazy_task<> retries_after_cancellation() {
  for (int attempt = 0;; ++attempt) {
    std::exception_ptr ep;
    try {
      co_await fetch();
      co_return;
    } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: catch-all handler catches cancellation
    // CHECK-FIXES: {{^}}    } catch (const coroscope::cancelled&) { throw; } catch (...) {{{$}}
      ep = std::current_exception();
    }
    if (attempt == 3)
      std::rethrow_exception(ep);
  }
}

// The stored exception is overwritten before it is rethrown.
lazy_task<> captures_and_overwrites() {
  std::exception_ptr ep;
  try {
    co_await fetch();
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation
  // CHECK-FIXES: {{^}}  } catch (const coroscope::cancelled&) { throw; } catch (...) {{{$}}
    ep = std::current_exception();
  }
  co_await close_connection();
  ep = nullptr;
  if (ep)
    std::rethrow_exception(ep);
}

// Captured into a variable that dies with the handler.
lazy_task<> captures_into_handler_local() {
  try {
    co_await fetch();
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation
  // CHECK-FIXES: {{^}}  } catch (const coroscope::cancelled&) { throw; } catch (...) {{{$}}
    std::exception_ptr ep = std::current_exception();
  }
  co_await close_connection();
}

// coroscope::cancelled is not a std::exception: the first handler does not
// catch it, the catch-all does.
lazy_task<> standard_handler_then_catch_all() {
  try {
    co_await fetch();
  } catch (const std::exception &) {
    throw;
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation
  // CHECK-FIXES: {{^}}  } catch (const coroscope::cancelled&) { throw; } catch (...) {{{$}}
    log_error();
  }
}

// A handler nested in another handler is checked on its own.
lazy_task<> nested_handlers() {
  try {
    co_await fetch();
  } catch (...) {
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: catch-all handler catches cancellation
  // CHECK-FIXES: {{^}}  } catch (const coroscope::cancelled&) { throw; } catch (...) {{{$}}
    try {
      throw;
    } catch (...) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: catch-all handler catches cancellation
    // CHECK-FIXES: {{^}}    } catch (const coroscope::cancelled&) { throw; } catch (...) {{{$}}
      log_error();
    }
  }
}

// A function is no cancellation point because its name mentions
// cancellation: only the library profiles' (cppcoro's
// throw_if_cancellation_requested) deliver it without a suspension point.
struct cancellation_token {
  void throw_if_cancellation_requested() const;
};
lazy_task<> polls(const cancellation_token &token) {
  for (int i = 0; i < 10; ++i) {
    try {
      token.throw_if_cancellation_requested();
    } catch (...) {
      log_error();
    }
  }
  co_await close_connection();
}
