// RUN: %check_clang_tidy %s coroscope-unguarded-acquire %t -- \
// RUN:   -config="{CheckOptions: {coroscope-unguarded-acquire.CheckNonCoroutines: true}}" \
// RUN:   -- -I%S/../Inputs

// Many acquires in one function, which share what is found once about its
// release calls and guards: each is still judged by the releases of its own
// resource and by the guards in scope at its own risks.

#include "coroscope_scopes_stub.h"
#include "manual_locks.h"

#include <mutex>
#include <string>
#include <vector>

using coroscope::task;

task<void> query();

// Releases the slot when it goes, unless dismissed first.
class slot_guard {
public:
  explicit slot_guard(demo::manual_semaphore &slots) noexcept;
  ~slot_guard();
  void dismiss() noexcept;
};

// A guard set up halfway down a block covers the risks after it, not those
// before it.
task<void> guard_halfway(demo::manual_semaphore &slots) {
  co_await slots.acquire();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'acquire' leaks if an exception or cancellation leaves before 'release'
  co_await query();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: cancellation or an exception at this suspension point skips 'release'
  // CHECK-NOTES: :[[@LINE-4]]:12: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  slots.release();
  co_await slots.acquire();
  slot_guard guard(slots);
  co_await query();
  guard.dismiss();
  slots.release();
}

// A guard covers its own resource only.
task<void> guard_of_another(demo::manual_semaphore &reads,
                            demo::manual_semaphore &writes) {
  co_await reads.acquire();
  slot_guard guard(reads);
  co_await writes.acquire();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'acquire' leaks if an exception or cancellation leaves before 'release'
  co_await query();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: cancellation or an exception at this suspension point skips 'release'
  // CHECK-NOTES: :[[@LINE-4]]:12: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  writes.release();
  guard.dismiss();
  reads.release();
}

// In one straight-line block, an unlock before a risk does not follow it:
// the second lock stays held for the caller.
void keeps_second(std::mutex &mutex, std::vector<std::string> &lines) {
  mutex.lock();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the resource acquired by 'lock' leaks if an exception or cancellation leaves before 'unlock'
  lines.push_back("first");
  // CHECK-NOTES: :[[@LINE-1]]:3: note: an exception thrown here skips 'unlock'
  // CHECK-NOTES: :[[@LINE-4]]:3: note: hold it in an RAII guard that releases it in its destructor
  mutex.unlock();
  mutex.lock();
  lines.push_back("second");
}

// Each mutex by its own unlocks: `inner`'s unlock comes before its lock, so
// none follows the suspension; `outer`'s does.
task<void> own_unlocks(demo::manual_mutex &outer, demo::manual_mutex &inner,
                       bool handed_back) {
  co_await outer.lock();
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: the resource acquired by 'lock' leaks if an exception or cancellation leaves before 'unlock'
  if (handed_back)
    inner.unlock();
  co_await inner.lock();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: cancellation or an exception at this suspension point skips 'unlock'
  // CHECK-NOTES: :[[@LINE-6]]:12: note: hold it in an RAII guard such as a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'
  co_await query();
  outer.unlock();
}
