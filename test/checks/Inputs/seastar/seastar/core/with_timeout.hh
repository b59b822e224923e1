// coroscope test stub: seastar/core/with_timeout.hh -- fails the returned
// future with timed_out_error at the deadline; does NOT cancel f's work.
#pragma once
#include <chrono>
#include <seastar/core/future.hh>
#include <seastar/core/timed_out_error.hh>
namespace seastar {
template <typename ExceptionFactory = default_timeout_exception_factory,
          typename Clock, typename Duration, typename T>
future<T> with_timeout(std::chrono::time_point<Clock, Duration> timeout, future<T> f);
} // namespace seastar
