// coroscope test stub for cppcoro::operation_cancelled -- our own code.
// THE cancellation exception of cppcoro.  Derives from std::exception, so
// `catch (const std::exception&)` and `catch (...)` catch it.
#pragma once
#include <exception>
namespace cppcoro {
class operation_cancelled : public std::exception {
 public:
  operation_cancelled() noexcept = default;
  const char* what() const noexcept override { return "operation cancelled"; }
};
}  // namespace cppcoro
