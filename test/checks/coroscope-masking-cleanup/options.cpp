// RUN: %check_clang_tidy -check-suffix=DEFAULT %s coroscope-masking-cleanup %t -- -- -I%S/../Inputs
// RUN: %check_clang_tidy -check-suffix=CUSTOM %s coroscope-masking-cleanup %t -- \
// RUN:   -config="{CheckOptions: {coroscope-masking-cleanup.IgnoredFunctions: 'app::log::.*;app::metrics::count'}}" \
// RUN:   -- -I%S/../Inputs

#include <exception>
#include <iostream>
#include <string>

namespace app {
namespace log {
void error(const char *);
struct line {
  line(const char *);
};
} // namespace log
namespace metrics {
void count(const char *);
} // namespace metrics
void rollback();
} // namespace app

void cleanup() {
  try {
    app::rollback();
  } catch (const std::exception &error) {
    // A standard stream's << never throws unless exceptions() asked; the
    // default list ignores strings too, and a user list replaces it.
    std::cerr << error.what() << '\n';
    std::string copy = error.what();
    // CHECK-MESSAGES-CUSTOM: :[[@LINE-1]]:24: warning: construction of 'basic_string' may throw while the caught exception waits to be rethrown
    app::log::error(error.what());
    // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:5: warning: call to 'error' may throw while the caught exception waits to be rethrown
    app::log::line entry(error.what());
    // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:20: warning: construction of 'line' may throw while the caught exception waits to be rethrown
    app::metrics::count("rollback_failed");
    // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:5: warning: call to 'count' may throw while the caught exception waits to be rethrown
    app::rollback();
    // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:5: warning: call to 'rollback' may throw while the caught exception waits to be rethrown
    // CHECK-MESSAGES-CUSTOM: :[[@LINE-2]]:5: warning: call to 'rollback' may throw while the caught exception waits to be rethrown
    throw;
  }
}
