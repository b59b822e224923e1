// RUN: %check_clang_tidy %s coroscope-blocking-call %t -- -- -I%S/../Inputs

#include "coroscope_runtime_stub.h"

#include <future>
#include <thread>

using namespace std::chrono_literals;

// One warning per written location, whatever the instantiations.
template <typename T> coroscope::task<T> wait_for_result(std::future<T> &f) {
  std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine
  co_return f.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: blocking call to 'std::future::get' in a coroutine
}

template <typename Duration> coroscope::task<> nap(Duration d) {
  std::this_thread::sleep_for(d);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine
  co_return;
}

coroscope::task<> instantiate(std::future<int> &a, std::future<long> &b) {
  co_await wait_for_result(a);
  co_await wait_for_result(b);
  co_await nap(1ms);
  co_await nap(1s);
}

// A template that is never instantiated is still checked where it does not
// depend on its parameters.
template <typename T> coroscope::task<> uninstantiated(T) {
  std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine
  co_return;
}
