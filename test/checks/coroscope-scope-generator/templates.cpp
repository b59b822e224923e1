// RUN: %check_clang_tidy %s coroscope-scope-generator %t -- -- -I%S/../Inputs

#include "coroscope_runtime_stub.h"

#include <exception>

using coroscope::async_context;

template <typename T> struct handle {
  coroscope::task<> close();
};
template <typename T> coroscope::task<handle<T>> open_handle();

// Analyzed in each instantiation, reported once where it is written.
template <typename T> async_context<handle<T>> twice() {
  handle<T> h = co_await open_handle<T>();
  co_yield h;
  co_yield h;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: second 'co_yield' on a path through scope generator 'twice'
}

template <typename T> async_context<handle<T>> skips_close() {
  handle<T> h = co_await open_handle<T>();
  auto failure = co_yield h;
  if (failure)
    std::rethrow_exception(failure);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: rethrowing here when the body failed or was cancelled skips the cleanup after it
  co_await h.close();
}

template <typename T> async_context<handle<T>> correct() {
  handle<T> h = co_await open_handle<T>();
  co_yield h;
  co_await h.close();
}

// Member generators of class templates too.
template <typename T> struct registry {
  async_context<T> lease(bool available) {
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: scope generator 'lease' can finish without 'co_yield'
    if (available)
      co_yield T();
  }
};

void instantiate() {
  (void)twice<int>();
  (void)twice<long>();
  (void)skips_close<int>();
  (void)skips_close<char>();
  (void)correct<int>();
  (void)registry<int>().lease(true);
  (void)registry<long>().lease(false);
}
