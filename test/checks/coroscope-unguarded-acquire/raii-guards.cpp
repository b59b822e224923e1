// RUN: %check_clang_tidy %s coroscope-unguarded-acquire %t -- -- -I%S/../Inputs
// Guards in every shape release on every path: a rule-of-zero wrapper whose
// member releases, std::unique_ptr and std::shared_ptr with a releasing
// deleter, and a scope-exit helper. A release written later (after the guard
// was told to let go) does not make the guarded code a leak.

#include "manual_locks.h"
#include <memory>
#include <string>

coroscope::task<void> query();
bool done() noexcept;

struct unlocker {
  demo::manual_mutex *mutex;
  ~unlocker() {
    if (mutex)
      mutex->unlock();
  }
};

// Rule of zero: its destructor is the member's.
struct holder {
  unlocker guard;
  int uses = 0;
};

coroscope::task<void> rule_of_zero_wrapper(demo::manual_mutex &mutex) {
  co_await mutex.lock();
  holder held{unlocker{&mutex}};
  co_await query();
  held.guard.mutex = nullptr;
  mutex.unlock();
}

coroscope::task<void> wrapper_in_parentheses(demo::manual_mutex &mutex) {
  co_await mutex.lock();
  holder held(unlocker(&mutex), 1);
  co_await query();
  held.guard.mutex = nullptr;
  mutex.unlock();
}

struct unlock_deleter {
  void operator()(demo::manual_mutex *mutex) const { mutex->unlock(); }
};

coroscope::task<void> unique_ptr_with_deleter(demo::manual_mutex &mutex) {
  co_await mutex.lock();
  std::unique_ptr<demo::manual_mutex, unlock_deleter> guard(&mutex);
  co_await query();
  guard.release();
  mutex.unlock();
}

coroscope::task<void> shared_ptr_with_deleter(demo::manual_mutex &mutex) {
  co_await mutex.lock();
  std::shared_ptr<void> guard(nullptr, [&](void *) { mutex.unlock(); });
  co_await query();
  if (done())
    co_return;
  mutex.unlock();
}

template <class F> struct scope_exit {
  F on_exit;
  ~scope_exit() { on_exit(); }
};
template <class F> scope_exit(F) -> scope_exit<F>;

coroscope::task<void> scope_exit_helper(demo::manual_mutex &mutex) {
  co_await mutex.lock();
  scope_exit guard{[&] { mutex.unlock(); }};
  co_await query();
  if (done())
    co_return;
}

// A struct that only carries the pointer, however it is destroyed, releases
// nothing.
struct lock_info {
  demo::manual_mutex *mutex;
  std::string owner;
};

coroscope::task<void> plain_aggregate(demo::manual_mutex &mutex) {
  co_await mutex.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the resource acquired by 'lock' leaks if an exception or cancellation leaves before 'unlock' [coroscope-unguarded-acquire]
  lock_info info{&mutex, "query"};
  co_await query();
  mutex.unlock();
}
