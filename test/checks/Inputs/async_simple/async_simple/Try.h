// coroscope test stub for async_simple::Try<T> -- our own code.
#pragma once
#include <exception>
#include <variant>
namespace async_simple {
template <typename T>
class Try {
 public:
  Try() = default;
  Try(Try&&) = default;
  Try& operator=(Try&&) = default;
  Try(std::exception_ptr error) : _value(error) {}
  bool available() const noexcept;
  bool hasError() const noexcept;
  T& value() &;
  T&& value() &&;
  std::exception_ptr getException() const;
 private:
  std::variant<std::monostate, T, std::exception_ptr> _value;
};
template <>
class Try<void> {
 public:
  Try() {}
  Try(std::exception_ptr error) : _error(error) {}
  bool hasError() const noexcept { return static_cast<bool>(_error); }
  void value() const;  // rethrows
  std::exception_ptr getException() const { return _error; }
 private:
  std::exception_ptr _error;
};
}  // namespace async_simple
