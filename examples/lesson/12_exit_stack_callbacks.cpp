// Registering callbacks: an exit_stack runs async and sync cleanup callbacks
// too. Cleanup order is LIFO: the last registered item (the connection) is
// cleaned up first, then the sync callback, then the async callback.
#include "lesson.hpp"
#include "open_connection.hpp"

#include <coroscope/exit_stack.hpp>
#include <coroscope/scope.hpp>
#include <coroscope/time.hpp>

#include <chrono>
#include <cstdio>
#include <string>

using namespace std::chrono_literals;
using coroscope::async_with;
using coroscope::exit_stack;
using coroscope::task;

task<void> cleanup_temp_files(std::string path) {
  std::printf("Cleaning up %s\n", path.c_str());
  co_await coroscope::sleep_for(10ms);
}

void print(const char* text) { std::puts(text); }

task<void> amain() {
  co_await async_with(exit_stack(), [](exit_stack& stack) -> task<void> {
    // Register an async cleanup callback.
    stack.push_callback(cleanup_temp_files, std::string("/tmp/session-123"));

    // Register a sync cleanup callback.
    stack.callback(print, "Sync cleanup done");

    // Enter a context manager.
    co_await stack.enter(open_connection("db-primary"));

    std::puts("Working...");
  });
}

int main() { return lesson::run(amain()); }
