// coroscope test stub for cppcoro::cancellation_registration -- our own code.
// RAII: the callback runs on request_cancellation() (or at once if already requested)
// until the registration is destroyed.
#pragma once
#include <cppcoro/cancellation_token.hpp>
#include <functional>
namespace cppcoro {
class cancellation_registration {
 public:
  template <typename FUNC>
  cancellation_registration(cancellation_token token, FUNC&& callback)
      : m_callback(static_cast<FUNC&&>(callback)) { (void)token; }
  cancellation_registration(const cancellation_registration&) = delete;
  cancellation_registration& operator=(const cancellation_registration&) = delete;
  ~cancellation_registration();
 private:
  std::function<void()> m_callback;
};
}  // namespace cppcoro
