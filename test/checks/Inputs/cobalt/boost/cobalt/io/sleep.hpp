// coroscope test stub of <boost/cobalt/io/sleep.hpp> (our own code). NEWER API: present on
// boostorg/cobalt develop/master (checked at 57181ca, July 2025), absent from the
// boost-1.84.0 .. boost-1.88.0 tags. `co_await cobalt::io::sleep(100ms);`
#pragma once
#include <boost/cobalt/op.hpp>
#include <chrono>

namespace boost::cobalt::io {
template <typename Rep, typename Period>
[[nodiscard]] op<boost::system::error_code> sleep(const std::chrono::duration<Rep, Period>& d) {
  (void)d;
  return {};
}
}  // namespace boost::cobalt::io
