// RUN: %check_clang_tidy -check-suffix=DEFAULT %s coroscope-blocking-call %t -- -- -I%S/../Inputs
// RUN: %check_clang_tidy -check-suffix=REPLACED %s coroscope-blocking-call %t -- \
// RUN:   -config="{CheckOptions: {coroscope-blocking-call.BlockingFunctions: 'legacy::.*;std::this_thread::sleep_for', \
// RUN:     coroscope-blocking-call.BlockingStreamTypes: 'legacy::file_stream'}}" \
// RUN:   -- -I%S/../Inputs
// RUN: %check_clang_tidy -check-suffix=ALLOWED %s coroscope-blocking-call %t -- \
// RUN:   -config="{CheckOptions: {coroscope-blocking-call.AllowedFunctions: 'std::mutex::lock;std::basic_ifstream::basic_ifstream;std::lock_guard::lock_guard'}}" \
// RUN:   -- -I%S/../Inputs

#include "coroscope_runtime_stub.h"

#include <fstream>
#include <mutex>
#include <string>
#include <thread>

using namespace std::chrono_literals;

namespace legacy {
// A synchronous client library the project knows to block.
std::string http_get(const char *url);
struct file_stream {
  file_stream(const char *path);
  file_stream &operator>>(std::string &word);
};
} // namespace legacy

std::mutex mutex;

coroscope::task<> options() {
  std::this_thread::sleep_for(1ms);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine
  // CHECK-MESSAGES-REPLACED: :[[@LINE-2]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine
  // CHECK-MESSAGES-ALLOWED: :[[@LINE-3]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine
  legacy::http_get("https://example.com");
  // CHECK-MESSAGES-REPLACED: :[[@LINE-1]]:3: warning: blocking call to 'legacy::http_get' in a coroutine {{.*}}
  mutex.lock();
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: blocking call to 'std::mutex::lock' in a coroutine
  mutex.unlock();
  std::ifstream in("input.txt");
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:17: warning: blocking open of file stream 'std::ifstream' in a coroutine
  std::string word;
  in >> word;
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: blocking file I/O 'operator>>' on 'std::ifstream' in a coroutine
  // CHECK-MESSAGES-ALLOWED: :[[@LINE-2]]:3: warning: blocking file I/O 'operator>>' on 'std::ifstream' in a coroutine
  legacy::file_stream words("words.txt");
  // CHECK-MESSAGES-REPLACED: :[[@LINE-1]]:23: warning: blocking open of file stream 'legacy::file_stream' in a coroutine
  words >> word;
  // CHECK-MESSAGES-REPLACED: :[[@LINE-1]]:3: warning: blocking file I/O 'operator>>' on 'legacy::file_stream' in a coroutine
  std::lock_guard<std::mutex> guard(mutex);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:31: warning: lock 'guard' is held across a suspension point
  // CHECK-MESSAGES-REPLACED: :[[@LINE-2]]:31: warning: lock 'guard' is held across a suspension point
  co_await coroscope::sleep_for(1ms);
}
