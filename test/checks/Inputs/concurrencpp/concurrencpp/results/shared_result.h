// coroscope test stub for concurrencpp::shared_result<T> -- our own code.
// Copyable; many awaits/gets are fine (lvalue reference result).  Built from a result<T>.
// BLOCKING: get(), wait(), wait_for(), wait_until().
#pragma once
#include <concurrencpp/results/result.h>
#include <type_traits>
namespace concurrencpp {
template <class type>
class shared_result {
 public:
  shared_result() noexcept = default;
  shared_result(result<type> rhs);
  shared_result(const shared_result&) noexcept = default;
  explicit operator bool() const noexcept;
  result_status status() const;
  void wait();
  template <class duration_type, class ratio_type>
  result_status wait_for(std::chrono::duration<duration_type, ratio_type> duration);
  template <class clock_type, class duration_type>
  result_status wait_until(std::chrono::time_point<clock_type, duration_type> timeout);
  std::add_lvalue_reference_t<type> get();
  details::result_awaiter<std::add_lvalue_reference_t<type>> operator co_await();
 private:
  std::shared_ptr<void> m_state;
};
}  // namespace concurrencpp
