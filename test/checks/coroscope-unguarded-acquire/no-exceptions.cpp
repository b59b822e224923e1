// RUN: %check_clang_tidy %s coroscope-unguarded-acquire %t -- -- -I%S/../Inputs -fno-exceptions
// Without exceptions, only suspension points can leave between the two.

#include "coroscope_scopes_stub.h"
#include "manual_locks.h"

#include <string>
#include <vector>

struct spin {
  void lock();
  void unlock() noexcept;
};

void calls_only(spin &s, std::vector<std::string> &lines) {
  s.lock();
  lines.push_back("no exception can leave here");
  s.unlock();
}

coroscope::task<void> query();

coroscope::task<void> suspends(demo::manual_mutex &mutex) {
  co_await mutex.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: the resource acquired by 'lock' leaks
  co_await query();
  mutex.unlock();
}
