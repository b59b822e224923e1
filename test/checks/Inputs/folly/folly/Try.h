// coroscope test stub: folly/Try.h (minimal).
#pragma once
#include <folly/ExceptionWrapper.h>
#include <folly/Unit.h>
namespace folly {
template <typename T>
class Try {
 public:
  bool hasValue() const;
  bool hasException() const;
  template <typename Ex> bool hasException() const;
  T& value() &;
  T&& value() &&;
  exception_wrapper& exception() &;
  exception_wrapper&& exception() &&;
};
template <>
class Try<void> {
 public:
  bool hasValue() const;
  bool hasException() const;
  template <typename Ex> bool hasException() const;
  void value() const;
  exception_wrapper& exception() &;
  exception_wrapper&& exception() &&;
};
} // namespace folly
