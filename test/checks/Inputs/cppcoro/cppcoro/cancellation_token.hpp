// coroscope test stub for cppcoro::cancellation_token -- our own code.
// throw_if_cancellation_requested() throws cppcoro::operation_cancelled.
#pragma once
namespace cppcoro {
class cancellation_token {
 public:
  cancellation_token() noexcept;  // a token that can never be cancelled
  cancellation_token(const cancellation_token&) noexcept;
  cancellation_token(cancellation_token&&) noexcept;
  ~cancellation_token();
  cancellation_token& operator=(const cancellation_token&) noexcept;
  cancellation_token& operator=(cancellation_token&&) noexcept;
  bool can_be_cancelled() const noexcept;
  bool is_cancellation_requested() const noexcept;
  void throw_if_cancellation_requested() const;
};
}  // namespace cppcoro
