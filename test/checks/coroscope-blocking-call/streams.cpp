// RUN: %check_clang_tidy %s coroscope-blocking-call %t -- -- -I%S/../Inputs

#include "coroscope_runtime_stub.h"

#include <fstream>
#include <string>

// Opening a file stream and every read, write or flush through it block on
// the file system.
coroscope::task<std::string> read_config(const std::string &path) {
  std::ifstream config(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: blocking open of file stream 'std::ifstream' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  std::string line, all;
  while (std::getline(config, line))
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: blocking file I/O 'std::getline' on 'std::ifstream' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
    all += line;
  int version = 0;
  config >> version >> line;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking file I/O 'operator>>' on 'std::ifstream' in a coroutine
  char header[8];
  config.read(header, sizeof header);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking file I/O 'read' on 'std::ifstream' in a coroutine
  config.close();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking file I/O 'close' on 'std::ifstream' in a coroutine
  co_return all;
}

// A stream opened later, through a pointer, and a class derived from one.
struct audit_log : std::ofstream {};

coroscope::task<> write_log(std::fstream *journal, audit_log &audit) {
  std::ofstream out;
  out.open("out.txt");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking file I/O 'open' on 'std::ofstream' in a coroutine
  out << "done" << '\n';
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking file I/O 'operator<<' on 'std::ofstream' in a coroutine
  journal->write("x", 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking file I/O 'write' on 'std::fstream' in a coroutine
  audit.flush();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking file I/O 'flush' on 'audit_log' in a coroutine
  std::fstream temp{"temp.txt", std::ios::in | std::ios::out};
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: blocking open of file stream 'std::fstream' in a coroutine
  co_return;
}
