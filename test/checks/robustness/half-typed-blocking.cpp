// RUN: %check_clang_tidy -expect-clang-tidy-error %s 'coroscope-*' %t -- -- -I%S/../Inputs
// Half-typed coroutines around blocking calls, locks and streams: the checks
// must stay quiet where the AST holds errors, and never crash.

#include "coroscope_runtime_stub.h"

#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <unistd.h>

coroscope::task<> half_typed_blocking(int fd, char *buffer) {
  std::this_thread::sleep_for(undeclared_duration);
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  std::lock_guard<std::mutex> guard(undeclared_mutex);
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  co_await coroscope::sleep_for(std::chrono::milliseconds(1));
  std::ifstream in(undeclared_path);
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  std::getline(in, undeclared_line);
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  ::read(fd, buffer, undeclared_size);
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  co_await undeclared_loop.readable(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  std::unique_lock<undeclared_mutex_type> lock;
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  co_await coroscope::sleep_for(std::chrono::milliseconds(1));
}

struct incomplete_stream;
incomplete_stream &open_log();

coroscope::task<> incomplete(std::mutex &m) {
  open_log() << "line";
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
  std::lock_guard guard(m
  co_await coroscope::sleep_for(std::chrono::milliseconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]
}
