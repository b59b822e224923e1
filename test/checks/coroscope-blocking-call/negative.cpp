// RUN: %check_clang_tidy %s coroscope-blocking-call %t -- -- -I%S/../Inputs

#include "coroscope_runtime_stub.h"

#include <fstream>
#include <future>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

// Not a coroutine: blocking is the caller's business, and run_blocking or a
// worker thread may be exactly where this runs.
std::string load(const char *path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::this_thread::sleep_for(1ms);
  return line;
}

// The lambda handed to run_blocking is defined in the coroutine but is not
// its body: it runs on a worker thread.
coroscope::task<std::string> offloaded(const char *path) {
  std::string text = co_await coroscope::run_blocking([path] {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
  });
  auto nap = [] { std::this_thread::sleep_for(1ms); };
  std::thread worker(nap);
  co_await coroscope::run_blocking([&] { worker.join(); });
  co_return text;
}

// A member of the coroutine's class that only happens to be called read.
struct buffer {
  int read(char *, int);
  int write(const char *, int);
};

// Streams that do not touch a file, file streams that are not opened or
// read here, and stream state queries.
coroscope::task<int> in_memory(buffer &b, std::istream &unknown,
                               std::ifstream &already_open) {
  std::istringstream words("1 2 3");
  std::string word;
  std::getline(words, word);
  int number = 0;
  words >> number;
  std::ostringstream out;
  out << word << number;
  std::ifstream later;
  bool usable = already_open.is_open() && already_open.good() &&
                !already_open.eof() && !already_open;
  std::getline(unknown, word);
  char bytes[4];
  b.read(bytes, 4);
  b.write(bytes, 4);
  co_await coroscope::sleep_for(1ms);
  co_return usable ? number : 0;
}

// A future polled without waiting, and a mutex the runtime provides.
coroscope::task<> non_blocking(std::future<int> &pending,
                               coroscope::async_mutex &mutex) {
  if (pending.wait_for(0s) == std::future_status::ready)
    (void)pending.valid();
  auto guard = co_await mutex.lock();
  co_await coroscope::sleep_for(1ms);
}
