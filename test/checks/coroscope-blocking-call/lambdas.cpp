// RUN: %check_clang_tidy %s coroscope-blocking-call %t -- -- -I%S/../Inputs

#include "coroscope_runtime_stub.h"

#include <fstream>
#include <string>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

std::string slurp(const char *path);

coroscope::task<> lambdas() {
  // A coroutine lambda is a coroutine body of its own.
  auto retry = []() -> coroscope::task<> {
    sleep(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call to 'sleep' in a coroutine
    co_return;
  };
  co_await retry();

  // A plain lambda runs wherever it is called; defining it blocks nothing.
  auto later = [] { sleep(1); };
  auto offloaded = co_await coroscope::run_blocking([] {
    std::ifstream in("data.txt");
    std::string line;
    std::getline(in, line);
    return line;
  });

  // An init-capture is evaluated here, in the coroutine.
  auto with_data = [data = slurp("data.txt"), pause = usleep(10)] {
    // CHECK-MESSAGES: :[[@LINE-1]]:55: warning: blocking call to 'usleep' in a coroutine
    return data.size();
  };
  (void)later;
  (void)with_data;
}

// A local class's member functions are not the coroutine's body either.
coroscope::task<> local_class() {
  struct worker {
    void run() { std::this_thread::sleep_for(1ms); }
  };
  co_await coroscope::run_blocking([] { worker().run(); });
}
