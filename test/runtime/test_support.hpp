// Shared by the runtime tests: capturing what the runtime reports instead of
// printing it (handlers are plain function pointers, so the captures live in
// statics; one capture at a time, on the test's thread), and the small pieces
// the scope tests build their resources from.
#ifndef COROSCOPE_TEST_RUNTIME_TEST_SUPPORT_HPP
#define COROSCOPE_TEST_RUNTIME_TEST_SUPPORT_HPP

#include <coroscope/errors.hpp>
#include <coroscope/task.hpp>
#include <coroscope/time.hpp>

#include <chrono>

#include <exception>
#include <source_location>
#include <stdexcept>
#include <string>
#include <vector>

namespace coroscope::testing {

/// What a test's resources did, in order.
using log_t = std::vector<std::string>;

/// The error a test's body or cleanup throws, told apart from the runtime's.
struct value_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Runs any awaitable as a task, for run().
template <class A>
task<void> in_task(A work) {
  co_await std::move(work);
}

/// A body that only ends by cancellation.
inline task<void> sleep_forever() { co_await sleep_for(std::chrono::hours(1)); }

/// The what() of \p error, for comparing reported errors.
inline std::string message_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (const cancelled&) {
    return "cancelled";
  } catch (...) {
    return "unknown exception";
  }
}

/// Installs a cleanup-error handler that records into errors() for its
/// lifetime, then restores the previous one.
class cleanup_error_capture {
public:
  cleanup_error_capture() : previous_(set_cleanup_error_handler(&record)) { errors().clear(); }
  ~cleanup_error_capture() { set_cleanup_error_handler(previous_); }
  cleanup_error_capture(const cleanup_error_capture&) = delete;
  cleanup_error_capture& operator=(const cleanup_error_capture&) = delete;

  static std::vector<std::string>& errors() {
    static std::vector<std::string> reported;
    return reported;
  }

private:
  static void record(std::exception_ptr error) noexcept { errors().push_back(message_of(error)); }
  cleanup_error_handler previous_;
};

/// As cleanup_error_capture, for the unawaited-task handler.
class unawaited_capture {
public:
  unawaited_capture() : previous_(set_unawaited_task_handler(&record)) { reports().clear(); }
  ~unawaited_capture() { set_unawaited_task_handler(previous_); }
  unawaited_capture(const unawaited_capture&) = delete;
  unawaited_capture& operator=(const unawaited_capture&) = delete;

  static std::vector<std::source_location>& reports() {
    static std::vector<std::source_location> reported;
    return reported;
  }

private:
  static void record(const std::source_location& created) noexcept { reports().push_back(created); }
  unawaited_task_handler previous_;
};

} // namespace coroscope::testing

#endif
