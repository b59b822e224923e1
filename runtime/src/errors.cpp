#include <coroscope/cancel.hpp>
#include <coroscope/errors.hpp>
#include <coroscope/task.hpp>

#include <atomic>
#include <cstddef>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace coroscope {
namespace {

std::atomic<cleanup_error_handler> cleanup_handler{&default_cleanup_error_handler};

#ifdef NDEBUG
std::atomic<unawaited_task_handler> unawaited_handler{nullptr};
#else
std::atomic<unawaited_task_handler> unawaited_handler{&default_unawaited_task_handler};
#endif

std::string describe(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (const cancelled& c) {
    return c.what();
  } catch (...) {
    return "an exception not derived from std::exception";
  }
}

std::string where(const std::source_location& location) {
  return std::string(location.file_name()) + ":" + std::to_string(location.line());
}

} // namespace

cleanup_error_handler set_cleanup_error_handler(cleanup_error_handler handler) noexcept {
  return cleanup_handler.exchange(handler);
}

cleanup_error_handler get_cleanup_error_handler() noexcept { return cleanup_handler.load(); }

void default_cleanup_error_handler(std::exception_ptr error) noexcept {
  try {
    std::fprintf(stderr, "coroscope: error during cleanup: %s\n", describe(error).c_str());
  } catch (...) {
    std::fputs("coroscope: error during cleanup (and no memory to describe it)\n", stderr);
  }
}

namespace {

std::string cleanup_error_message(const std::vector<std::exception_ptr>& failures) {
  std::string message = failures.size() == 1
                            ? std::string("cleanup failed: ")
                            : std::to_string(failures.size()) + " cleanups failed: ";
  for (std::size_t i = 0; i < failures.size(); ++i)
    message += (i == 0 ? "" : "; ") + describe(failures[i]);
  return message;
}

} // namespace

cleanup_error::cleanup_error(std::vector<std::exception_ptr> failures,
                             std::exception_ptr suppressed)
    : std::runtime_error(cleanup_error_message(failures)),
      failures_(std::make_shared<const std::vector<std::exception_ptr>>(std::move(failures))),
      suppressed_(std::move(suppressed)) {}

bool detail::suppressed_then_failed(const std::exception_ptr& failure,
                                    const std::exception_ptr& error) noexcept {
  if (!failure || !error)
    return false;
  try {
    std::rethrow_exception(failure);
  } catch (const cleanup_error& collected) {
    return collected.suppressed() == error;
  } catch (...) {
    return false;
  }
}

void report_cleanup_error(std::exception_ptr error) noexcept {
  if (cleanup_error_handler handler = cleanup_handler.load())
    handler(std::move(error));
}

unawaited_task_handler set_unawaited_task_handler(unawaited_task_handler handler) noexcept {
  return unawaited_handler.exchange(handler);
}

unawaited_task_handler get_unawaited_task_handler() noexcept { return unawaited_handler.load(); }

void default_unawaited_task_handler(const std::source_location& created) noexcept {
  std::fprintf(stderr, "coroscope: task created at %s:%u was never awaited (%s)\n",
               created.file_name(), static_cast<unsigned>(created.line()),
               created.function_name());
}

namespace detail {

void report_unawaited(const std::source_location& created) noexcept {
  if (unawaited_task_handler handler = unawaited_handler.load())
    handler(created);
}

void throw_task_misuse(const char* what, const std::source_location& created) {
  if (created.line() == 0)
    throw std::logic_error(what);
  throw std::logic_error(std::string(what) + " (task created at " + where(created) + ")");
}

void throw_awaitable_reused(const char* what) {
  throw std::logic_error(std::string(what) +
                         " awaited twice (or after it was moved from); it is single-use: "
                         "call it again for a new one");
}

bool is_cancellation(const std::exception_ptr& error) noexcept {
  if (!error)
    return false;
  try {
    std::rethrow_exception(error);
  } catch (const cancelled&) {
    return true;
  } catch (...) {
    return false;
  }
}

} // namespace detail
} // namespace coroscope
