// RUN: %check_clang_tidy -check-suffix=DEFAULT %s coroscope-unguarded-acquire %t -- -- -I%S/../Inputs
// RUN: %check_clang_tidy -check-suffix=PLAIN %s coroscope-unguarded-acquire %t -- \
// RUN:   -config="{CheckOptions: {coroscope-unguarded-acquire.CheckNonCoroutines: true}}" \
// RUN:   -- -I%S/../Inputs
// RUN: %check_clang_tidy -check-suffix=QUALIFIED %s coroscope-unguarded-acquire %t -- \
// RUN:   -config="{CheckOptions: {coroscope-unguarded-acquire.CheckNonCoroutines: true, \
// RUN:     coroscope-unguarded-acquire.AcquireReleasePairs: 'hw::lock:hw::unlock'}}" \
// RUN:   -- -I%S/../Inputs
// Outside coroutines an unguarded lock is general RAII advice that other
// tools give: reported only when CheckNonCoroutines asks. The default pairs
// are plain names (`lock:unlock`), which name a member pair: they apply to a
// member call on a class that has the release member too, not to any
// function of that name; a qualified entry names free functions.

#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

void parse(const std::string &text);

void plain_mutex(std::mutex &mutex, std::vector<std::string> &lines,
                 const std::string &line) {
  mutex.lock();
  // CHECK-NOTES-PLAIN: :[[@LINE-1]]:3: warning: the resource acquired by 'lock' leaks if an exception or cancellation leaves before 'unlock' [coroscope-unguarded-acquire]
  lines.push_back(line);
  // CHECK-NOTES-PLAIN: :[[@LINE-1]]:3: note: an exception thrown here skips 'unlock'
  // CHECK-NOTES-PLAIN: :[[@LINE-4]]:3: note: hold it in an RAII guard that releases it in its destructor
  mutex.unlock();
}

void shared_lock(std::shared_mutex &mutex, const std::string &text) {
  mutex.lock_shared();
  // CHECK-NOTES-PLAIN: :[[@LINE-1]]:3: warning: the resource acquired by 'lock_shared' leaks if an exception or cancellation leaves before 'unlock_shared'
  parse(text);
  // CHECK-NOTES-PLAIN: :[[@LINE-1]]:3: note: an exception thrown here skips 'unlock_shared'
  // CHECK-NOTES-PLAIN: :[[@LINE-4]]:3: note: hold it in an RAII guard that releases it in its destructor
  mutex.unlock_shared();
}

// A helper whose body throws, one whose body cannot be seen, and a virtual
// call, which may reach an override.
inline int checked(int value) {
  if (value < 0)
    throw std::string("negative");
  return value;
}
int external(int value);
struct sink {
  virtual void put(int value) {}
};
void helpers(std::mutex &mutex, sink &out, int value) {
  mutex.lock();
  // CHECK-NOTES-PLAIN: :[[@LINE-1]]:3: warning: the resource acquired by 'lock' leaks
  int kept = checked(value);
  // CHECK-NOTES-PLAIN: :[[@LINE-1]]:14: note: an exception thrown here skips 'unlock'
  // CHECK-NOTES-PLAIN: :[[@LINE-4]]:3: note: hold it in an RAII guard that releases it in its destructor
  mutex.unlock();
  mutex.lock();
  // CHECK-NOTES-PLAIN: :[[@LINE-1]]:3: warning: the resource acquired by 'lock' leaks
  kept += external(value);
  // CHECK-NOTES-PLAIN: :[[@LINE-1]]:11: note: an exception thrown here skips 'unlock'
  // CHECK-NOTES-PLAIN: :[[@LINE-4]]:3: note: hold it in an RAII guard that releases it in its destructor
  mutex.unlock();
  mutex.lock();
  // CHECK-NOTES-PLAIN: :[[@LINE-1]]:3: warning: the resource acquired by 'lock' leaks
  out.put(kept);
  // CHECK-NOTES-PLAIN: :[[@LINE-1]]:3: note: an exception thrown here skips 'unlock'
  // CHECK-NOTES-PLAIN: :[[@LINE-4]]:3: note: hold it in an RAII guard that releases it in its destructor
  mutex.unlock();
}

// Free functions: the resource is the first argument.
namespace hw {
struct device {};
void lock(device &d);
void unlock(device &d) noexcept;
void configure(device &d);
} // namespace hw

void free_functions(hw::device &d) {
  hw::lock(d);
  // CHECK-NOTES-QUALIFIED: :[[@LINE-1]]:3: warning: the resource acquired by 'lock' leaks
  hw::configure(d);
  // CHECK-NOTES-QUALIFIED: :[[@LINE-1]]:3: note: an exception thrown here skips 'unlock'
  // CHECK-NOTES-QUALIFIED: :[[@LINE-4]]:3: note: hold it in an RAII guard that releases it in its destructor
  hw::unlock(d);
}

// A class with `lock` but no `unlock` is no member pair.
struct gate {
  void lock();
  void release() noexcept;
};
void one_sided(gate &g, const std::string &text) {
  g.lock();
  parse(text);
  g.release();
}
