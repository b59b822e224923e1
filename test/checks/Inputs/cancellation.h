// The cancellation exceptions of coroscope, folly and cppcoro, declared as
// those libraries declare them, so the checks are tested on the default
// CancellationExceptions list without the libraries.
#pragma once
#include <exception>

namespace coroscope {
// Deliberately not a std::exception, like Python's CancelledError is not an
// Exception: `catch (const std::exception&)` does not catch it.
struct cancelled {};
} // namespace coroscope

namespace folly {
struct OperationCancelled : public std::exception {
  const char *what() const noexcept override { return "coroutine operation cancelled"; }
};
} // namespace folly

namespace cppcoro {
class operation_cancelled : public std::exception {
public:
  const char *what() const noexcept override { return "operation cancelled"; }
};
} // namespace cppcoro
