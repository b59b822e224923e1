// coroscope test stub for async_simple::Promise<T> -- our own code.
#pragma once
#include <async_simple/Future.h>
#include <exception>
namespace async_simple {
template <typename T>
class Promise {
 public:
  Promise();
  Promise(Promise&&) noexcept;
  Future<T> getFuture();
  void setException(std::exception_ptr error);
  void setValue(T&& v);
};
template <>
class Promise<void> {
 public:
  Promise();
  Promise(Promise&&) noexcept;
  Future<void> getFuture();
  void setException(std::exception_ptr error);
  void setValue();
};
}  // namespace async_simple
