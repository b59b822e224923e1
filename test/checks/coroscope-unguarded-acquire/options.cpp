// RUN: %check_clang_tidy -check-suffix=DEFAULT %s coroscope-unguarded-acquire %t -- -- -I%S/../Inputs
// RUN: %check_clang_tidy -check-suffix=CUSTOM %s coroscope-unguarded-acquire %t -- \
// RUN:   -config="{CheckOptions: {coroscope-unguarded-acquire.AcquireReleasePairs: \
// RUN:     'checkout:checkin;db::pool::borrow:db::pool::give_back'}}" \
// RUN:   -- -I%S/../Inputs

#include "coroscope_scopes_stub.h"
#include "manual_locks.h"

using coroscope::task;

task<void> query();

struct connection {
  int id;
};
namespace db {
struct pool {
  task<connection *> checkout();
  void checkin(connection *c) noexcept;
  task<connection *> borrow();
  void give_back(connection *c) noexcept;
};
struct other_pool {
  task<connection *> borrow();
  void give_back(connection *c) noexcept;
};
} // namespace db

task<void> plain_names(db::pool &pool) {
  connection *c = co_await pool.checkout();
  // CHECK-NOTES-CUSTOM: :[[@LINE-1]]:28: warning: the resource acquired by 'checkout' leaks if an exception or cancellation leaves before 'checkin'
  co_await query();
  // CHECK-NOTES-CUSTOM: :[[@LINE-1]]:3: note: cancellation or an exception at this suspension point skips 'checkin'
  // CHECK-NOTES-CUSTOM: :[[@LINE-4]]:28: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  pool.checkin(c);
}

// A side with '::' is matched against the qualified name.
task<void> qualified_names(db::pool &pool, db::other_pool &other) {
  connection *c = co_await pool.borrow();
  // CHECK-NOTES-CUSTOM: :[[@LINE-1]]:28: warning: the resource acquired by 'borrow' leaks if an exception or cancellation leaves before 'give_back'
  co_await query();
  // CHECK-NOTES-CUSTOM: :[[@LINE-1]]:3: note: cancellation or an exception at this suspension point skips 'give_back'
  // CHECK-NOTES-CUSTOM: :[[@LINE-4]]:28: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  pool.give_back(c);
  connection *d = co_await other.borrow();
  co_await query();
  other.give_back(d);
}

// The default pairs, replaced by the custom list.
task<void> default_pairs(demo::manual_mutex &mutex) {
  co_await mutex.lock();
  // CHECK-NOTES-DEFAULT: :[[@LINE-1]]:12: warning: the resource acquired by 'lock' leaks
  co_await query();
  // CHECK-NOTES-DEFAULT: :[[@LINE-1]]:3: note: cancellation or an exception at this suspension point skips 'unlock'
  // CHECK-NOTES-DEFAULT: :[[@LINE-4]]:12: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  mutex.unlock();
}
