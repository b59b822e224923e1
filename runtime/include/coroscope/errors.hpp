// coroscope/errors.hpp - errors that cannot propagate.
//
// When one error is already on its way out of a scope, a second one raised by
// cleanup (or by a sibling task that failed later) must not replace it: the
// first error wins, and every later one is handed to the cleanup-error
// handler instead of vanishing. Python chains them (__context__) or logs
// them ("Task exception was never retrieved"); C++ has no chaining, so the
// runtime reports them here. task_group uses it now; the async scopes
// (async_with, exit_stack) use it for failing cleanups.
#ifndef COROSCOPE_ERRORS_HPP
#define COROSCOPE_ERRORS_HPP

#include <exception>

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

} // namespace coroscope

#endif
