// coroscope test stub: folly/ExceptionWrapper.h (minimal).
#pragma once
#include <exception>
namespace folly {
class exception_wrapper {
 public:
  exception_wrapper() noexcept = default;
  explicit exception_wrapper(std::exception_ptr) noexcept;
  template <typename Ex> explicit exception_wrapper(Ex&&);
  explicit operator bool() const noexcept;
  template <typename Ex> bool is_compatible_with() const noexcept;
  template <typename Ex> Ex* get_exception() noexcept;
  [[noreturn]] void throw_exception() const;
  const char* what() const noexcept;
};
} // namespace folly
