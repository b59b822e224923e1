// coroscope test stub for cppcoro::cancellation_source -- our own code.
#pragma once
#include <cppcoro/cancellation_token.hpp>
namespace cppcoro {
class cancellation_source {
 public:
  cancellation_source();
  cancellation_source(const cancellation_source&) noexcept;
  ~cancellation_source();
  [[nodiscard]] bool can_be_cancelled() const noexcept;
  [[nodiscard]] cancellation_token token() const noexcept;
  void request_cancellation();
  [[nodiscard]] bool is_cancellation_requested() const noexcept;
};
}  // namespace cppcoro
