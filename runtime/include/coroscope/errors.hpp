// coroscope/errors.hpp - errors that cannot propagate.
//
// When one error is already on its way out of a scope, a second one raised by
// cleanup (or by a sibling task that failed later) must not replace it: the
// first error wins, and every later one is handed to the cleanup-error
// handler instead of vanishing. Python chains them (__context__) or logs
// them ("Task exception was never retrieved"); C++ has no chaining, so the
// runtime reports them here. task_group uses it for its later errors, the
// async scopes (async_with, exit_stack, resource_group) for failing cleanups.
//
// When nothing was propagating (the body succeeded) and cleanups of an
// exit_stack failed, the scope throws cleanup_error, holding every failure.
#ifndef COROSCOPE_ERRORS_HPP
#define COROSCOPE_ERRORS_HPP

#include <exception>
#include <memory>
#include <stdexcept>
#include <vector>

namespace coroscope {

using cleanup_error_handler = void (*)(std::exception_ptr error) noexcept;

/// Installs \p handler and returns the previous one; nullptr silences the
/// reports. Safe to call from any thread.
cleanup_error_handler set_cleanup_error_handler(cleanup_error_handler handler) noexcept;
cleanup_error_handler get_cleanup_error_handler() noexcept;

/// The default: one line on stderr, "coroscope: error during cleanup: WHAT".
void default_cleanup_error_handler(std::exception_ptr error) noexcept;

/// Hands \p error to the installed handler.
void report_cleanup_error(std::exception_ptr error) noexcept;

/// Thrown by an exit_stack (and what is built on it) whose body succeeded
/// when one or more of its cleanups failed: every failure, in the order the
/// cleanups ran (LIFO). Python raises the last one, chained to the earlier
/// ones through __context__; C++ has no chaining, so they are kept together.
/// what() joins their messages: "2 cleanups failed: A; B".
///
/// A cleanup may first suppress the body's exception and a later one fail,
/// as in Python's AsyncExitStack: from then on the body counts as
/// succeeded, so the failure propagates, and suppressed() holds the
/// exception that was suppressed (Python's __context__).
class cleanup_error : public std::runtime_error {
public:
  /// \p failures must not be empty.
  explicit cleanup_error(std::vector<std::exception_ptr> failures,
                         std::exception_ptr suppressed = nullptr);

  const std::vector<std::exception_ptr>& failures() const noexcept { return *failures_; }
  /// The body's exception a cleanup suppressed before these failures, or null.
  const std::exception_ptr& suppressed() const noexcept { return suppressed_; }

private:
  // Shared so that copying the exception cannot throw.
  std::shared_ptr<const std::vector<std::exception_ptr>> failures_;
  std::exception_ptr suppressed_;
};

namespace detail {
/// True when \p failure, what a resource's exit threw while \p error
/// propagated, is a cleanup_error saying that \p error was suppressed
/// first: the body then counts as succeeded and \p failure propagates.
bool suppressed_then_failed(const std::exception_ptr& failure,
                            const std::exception_ptr& error) noexcept;
} // namespace detail

} // namespace coroscope

#endif
