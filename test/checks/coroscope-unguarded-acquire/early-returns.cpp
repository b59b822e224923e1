// RUN: %check_clang_tidy %s coroscope-unguarded-acquire %t -- -- -I%S/../Inputs

#include "coroscope_scopes_stub.h"

using coroscope::task;

task<void> query();
task<bool> cached();

struct handle {
  int fd;
};
struct handle_pool {
  task<handle> acquire();
  void release(handle h) noexcept;
};

// Fine: each return releases first, and nothing suspends while held.
task<int> return_released(handle_pool &pool, bool fast) {
  handle h = co_await pool.acquire();
  if (fast) {
    pool.release(h);
    co_return 1;
  }
  pool.release(h);
  co_await query();
  co_return 2;
}

// Fine: an invalid handle holds nothing and returns.
task<void> nothing_held(handle_pool &pool) {
  handle h = co_await pool.acquire();
  if (h.fd < 0)
    co_return;
  pool.release(h);
}

// The path that returns early suspends while it holds the handle.
task<void> early_path_suspends(handle_pool &pool) {
  handle h = co_await pool.acquire();
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: the resource acquired by 'acquire' leaks
  if (co_await cached()) {
    // CHECK-NOTES: :[[@LINE-1]]:7: note: cancellation or an exception at this suspension point skips 'release'
    // CHECK-NOTES: :[[@LINE-4]]:23: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
    pool.release(h);
    co_return;
  }
  pool.release(h);
}

// The release is skipped by an exception on the long path only.
task<void> long_path(handle_pool &pool, bool fast) {
  handle h = co_await pool.acquire();
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: the resource acquired by 'acquire' leaks
  if (fast) {
    pool.release(h);
    co_return;
  }
  co_await query();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: cancellation or an exception at this suspension point skips 'release'
  // CHECK-NOTES: :[[@LINE-8]]:23: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  pool.release(h);
}
