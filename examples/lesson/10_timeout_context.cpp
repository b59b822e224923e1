// Part 3, pattern 3: a timeout. The lesson builds timeout_context from a
// timer that cancels the current task and turns the CancelledError into a
// TimeoutError, and then recommends asyncio.timeout(). coroscope::timeout()
// is that mechanism: at the deadline it cancels the work (its stop token),
// waits for it to unwind, and throws timeout_error. timeout_context only
// gives the error the caller's message.
//
// A coroscope resource cannot cancel the body of its async_with (the body
// runs under the stop token of the task that awaits it), so the work is an
// argument here rather than the body of a scope.
#include "lesson.hpp"

#include <coroscope/time.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <utility>

using namespace std::chrono_literals;
using coroscope::task;

/// Raise timeout_error(message) if `work` takes longer than `seconds`.
template <class Work>
task<void> timeout_context(std::chrono::milliseconds seconds, std::string message, Work work) {
  try {
    co_await coroscope::timeout(seconds, std::move(work));
  } catch (const coroscope::timeout_error&) {
    throw coroscope::timeout_error(message); // raise TimeoutError(message) from e
  }
}

task<void> amain() {
  try {
    // Will be cancelled after 1 second.
    co_await timeout_context(1s, "API call timed out", coroscope::sleep_for(5s));
  } catch (const coroscope::timeout_error& e) {
    std::printf("Caught: %s\n", e.what());
  }
}

int main() { return lesson::run(amain()); }
