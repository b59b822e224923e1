// coroscope test stub for cppcoro: thrown when awaiting a default-constructed task.
#pragma once
#include <stdexcept>
namespace cppcoro {
class broken_promise : public std::logic_error {
 public:
  broken_promise() : std::logic_error("broken promise") {}
};
}  // namespace cppcoro
