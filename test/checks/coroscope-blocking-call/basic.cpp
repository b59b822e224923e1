// RUN: %check_clang_tidy %s coroscope-blocking-call %t -- -- -I%S/../Inputs

#include "coroscope_runtime_stub.h"

#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <mutex>
#include <netdb.h>
#include <semaphore>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

// Each family of known blocking calls, and the runtime component the
// message points to instead.
coroscope::task<> sleeps() {
  std::this_thread::sleep_for(10ms);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await coroscope::sleep_for(...)' instead
  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 1s);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::this_thread::sleep_until' in a coroutine {{.*}}
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await coroscope::sleep_for(...)' instead
  sleep(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'sleep' in a coroutine {{.*}}
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await coroscope::sleep_for(...)' instead
  ::usleep(1000);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'usleep' in a coroutine {{.*}}
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await coroscope::sleep_for(...)' instead
  timespec delay{0, 1000};
  nanosleep(&delay, nullptr);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'nanosleep' in a coroutine {{.*}}
  // CHECK-NOTES: :[[@LINE-2]]:3: note: use 'co_await coroscope::sleep_for(...)' instead
  co_await coroscope::sleep_for(10ms);
}

coroscope::task<> synchronization(std::mutex &mutex,
                                  std::condition_variable &ready,
                                  std::counting_semaphore<4> &slots) {
  mutex.lock();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::mutex::lock' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: lock a 'coroscope::async_mutex' with 'co_await' instead
  mutex.unlock();
  std::unique_lock<std::mutex> lock(mutex, std::defer_lock);
  lock.lock();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::unique_lock::lock' in a coroutine {{.*}}
  // CHECK-NOTES: :[[@LINE-2]]:3: note: lock a 'coroscope::async_mutex' with 'co_await' instead
  ready.wait(lock);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::condition_variable::wait' in a coroutine {{.*}}
  // CHECK-NOTES: :[[@LINE-2]]:3: note: wait for a 'coroscope::event' with 'co_await' instead
  ready.wait_for(lock, 1s, [] { return true; });
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::condition_variable::wait_for' in a coroutine {{.*}}
  // CHECK-NOTES: :[[@LINE-2]]:3: note: wait for a 'coroscope::event' with 'co_await' instead
  lock.unlock();
  slots.acquire();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::counting_semaphore::acquire' in a coroutine {{.*}}
  // CHECK-NOTES: :[[@LINE-2]]:3: note: acquire a 'coroscope::async_semaphore' with 'co_await' instead
  slots.release();
  co_return;
}

coroscope::task<int> threads(std::future<int> result, std::thread worker) {
  worker.join();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::thread::join' in a coroutine stalls the event loop thread and every coroutine on it [coroscope-blocking-call]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: offload it with 'co_await coroscope::run_blocking(...)'
  result.wait();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'std::future::wait' in a coroutine {{.*}}
  // CHECK-NOTES: :[[@LINE-2]]:3: note: offload it with 'co_await coroscope::run_blocking(...)'
  co_return result.get();
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: blocking call to 'std::future::get' in a coroutine {{.*}}
  // CHECK-NOTES: :[[@LINE-2]]:13: note: offload it with 'co_await coroscope::run_blocking(...)'
}

coroscope::task<> c_files_and_processes(char *buffer, int size) {
  std::FILE *file = std::fopen("large_file.csv", "r");
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: blocking call to 'fopen' in a coroutine {{.*}}
  // CHECK-NOTES: :[[@LINE-2]]:21: note: offload it with 'co_await coroscope::run_blocking(...)'
  std::fread(buffer, 1, size, file);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'fread' in a coroutine
  // CHECK-NOTES: :[[@LINE-2]]:3: note: offload it with 'co_await coroscope::run_blocking(...)'
  fgets(buffer, size, file);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'fgets' in a coroutine
  // CHECK-NOTES: :[[@LINE-2]]:3: note: offload it with 'co_await coroscope::run_blocking(...)'
  fwrite(buffer, 1, size, stdout);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'fwrite' in a coroutine
  // CHECK-NOTES: :[[@LINE-2]]:3: note: offload it with 'co_await coroscope::run_blocking(...)'
  std::system("sync");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'system' in a coroutine
  // CHECK-NOTES: :[[@LINE-2]]:3: note: offload it with 'co_await coroscope::run_blocking(...)'
  std::fclose(file);
  co_return;
}

coroscope::task<> blocking_sockets(int socket, const sockaddr *address,
                                   socklen_t length, char *buffer) {
  connect(socket, address, length);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'connect' in a coroutine {{.*}}
  // CHECK-NOTES: :[[@LINE-2]]:3: note: offload it with 'co_await coroscope::run_blocking(...)'
  send(socket, buffer, 4, 0);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'send' in a coroutine
  // CHECK-NOTES: :[[@LINE-2]]:3: note: offload it with 'co_await coroscope::run_blocking(...)'
  ::recv(socket, buffer, 4, 0);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'recv' in a coroutine
  // CHECK-NOTES: :[[@LINE-2]]:3: note: offload it with 'co_await coroscope::run_blocking(...)'
  int client = accept(socket, nullptr, nullptr);
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: blocking call to 'accept' in a coroutine
  // CHECK-NOTES: :[[@LINE-2]]:16: note: offload it with 'co_await coroscope::run_blocking(...)'
  read(client, buffer, 4);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'read' in a coroutine
  // CHECK-NOTES: :[[@LINE-2]]:3: note: offload it with 'co_await coroscope::run_blocking(...)'
  write(client, buffer, 4);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'write' in a coroutine
  // CHECK-NOTES: :[[@LINE-2]]:3: note: offload it with 'co_await coroscope::run_blocking(...)'
  addrinfo *found = nullptr;
  getaddrinfo("example.com", "80", nullptr, &found);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: blocking call to 'getaddrinfo' in a coroutine
  // CHECK-NOTES: :[[@LINE-2]]:3: note: offload it with 'co_await coroscope::run_blocking(...)'
  co_return;
}

// Member coroutines and coroutines returning any awaitable type.
struct session {
  coroscope::task<> reconnect() {
    std::this_thread::sleep_for(1s);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: blocking call to 'std::this_thread::sleep_for' in a coroutine
    // CHECK-NOTES: :[[@LINE-2]]:5: note: use 'co_await coroscope::sleep_for(...)' instead
    co_return;
  }
};
