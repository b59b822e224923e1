// Practice question 2: what happens when the cleanup fails after the body
// failed?
//
// In Python the generator's RuntimeError replaces the body's ValueError, and
// the lesson's answer is "Caught: RuntimeError: cleanup failed" -- the
// original error is lost. The coroscope runtime keeps the body's exception
// (contract point 2) and hands the cleanup's failure to the cleanup-error
// handler, whose default prints it on stderr. So this program prints the
// ValueError, and the lesson's lost error is the line from the handler.
// (examples/mistakes/masking_cleanup.cpp writes the same cleanup by hand,
// where it does replace the error, and coroscope-masking-cleanup flags it.)
#include "lesson.hpp"

#include <coroscope/async_context.hpp>
#include <coroscope/scope.hpp>

#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>

using coroscope::async_context;
using coroscope::async_with;
using coroscope::task;

async_context<std::string> faulty() {
  co_yield std::string("value");
  throw std::runtime_error("cleanup failed");
}

task<void> amain() {
  try {
    co_await async_with(faulty(), [](std::string& v) -> task<void> {
      std::puts(v.c_str());
      throw lesson::value_error("body failed");
    });
  } catch (const std::exception& e) {
    std::printf("Caught: %s: %s\n", lesson::type_name(e).c_str(), e.what());
  }
}

int main() { return lesson::run(amain()); }
