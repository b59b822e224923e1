// coroscope test stub: seastar/core/abort_source.hh.
// abort_requested_exception is Seastar's cancellation exception (base of
// sleep_aborted and semaphore_aborted); request_abort_ex() can substitute
// any exception.
#pragma once
#include <exception>
namespace seastar {
class abort_requested_exception : public std::exception {
 public:
  const char* what() const noexcept override { return "abort requested"; }
};
class abort_source {
 public:
  abort_source() = default;
  abort_source(abort_source&&) = default;
  void request_abort() noexcept;
  void request_abort_ex(std::exception_ptr ex) noexcept;
  bool abort_requested() const noexcept;
  void check() const;  // throws abort_requested_exception (or the request_abort_ex one)
};
} // namespace seastar
