// coroscope test stub: folly/OperationCancelled.h (before 2025-04 it lived in
// folly/CancellationToken.h, which still includes this header).
#pragma once
#include <exception>
namespace folly {
struct OperationCancelled final : public std::exception {
  const char* what() const noexcept override { return "coroutine operation cancelled"; }
};
} // namespace folly
