// The cancellation exceptions of folly and cppcoro, declared as those
// libraries declare them: both derive from std::exception, so a handler of
// std::exception catches them.
#pragma once
#include <exception>

namespace folly {
struct OperationCancelled : public std::exception {
  const char *what() const noexcept override {
    return "coroutine operation cancelled";
  }
};
} // namespace folly

namespace cppcoro {
class operation_cancelled : public std::exception {
public:
  const char *what() const noexcept override { return "operation cancelled"; }
};
} // namespace cppcoro
