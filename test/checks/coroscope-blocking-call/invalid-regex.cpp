// RUN: %check_clang_tidy %s coroscope-blocking-call %t -- \
// RUN:   -config="{CheckOptions: {coroscope-blocking-call.BlockingFunctions: \
// RUN:     'legacy::wait;read('}}"
// An entry that is not a regular expression is reported, and the others
// still apply.

// CHECK-MESSAGES: warning: invalid regular expression 'read(' in option 'coroscope-blocking-call.BlockingFunctions': parentheses not balanced [clang-tidy-config]

#include <coroutine>

namespace legacy {
void wait();
}

struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

task poll() {
  legacy::wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: {{.*}}legacy::wait
  co_return;
}
