// RUN: %check_clang_tidy %s coroscope-blocking-call %t -- \
// RUN:   -config="{CheckOptions: {coroscope-blocking-call.BlockingFunctions: 'flush_all;::wait_all', \
// RUN:     coroscope-blocking-call.BlockingStreamTypes: 'journal'}}" \
// RUN:   -- -I%S/../Inputs

// The rule every coroscope name list follows: an entry without `::` names
// whatever is called that, in any namespace and class; an entry with `::`
// names the fully qualified name, a leading `::` the global namespace.

#include "coroscope_runtime_stub.h"

void flush_all();
void wait_all();

namespace storage {
void flush_all();
void wait_all();

struct disk {
  void flush_all();
  void wait_all();
};

struct journal {
  journal(const char *path);
  journal &operator<<(const char *entry);
};
} // namespace storage

coroscope::task<> plain_and_qualified(storage::disk &disk) {
  flush_all();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'flush_all' in a coroutine
  storage::flush_all();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'storage::flush_all' in a coroutine
  disk.flush_all();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'storage::disk::flush_all' in a coroutine
  wait_all();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'wait_all' in a coroutine
  storage::wait_all();
  disk.wait_all();
  storage::journal log("log.txt");
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: blocking open of file stream 'storage::journal' in a coroutine
  log << "entry";
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking file I/O 'operator<<' on 'storage::journal' in a coroutine
  co_return;
}
