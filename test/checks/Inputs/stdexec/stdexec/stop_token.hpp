// coroscope test stub of <stdexec/stop_token.hpp> (our own code; API of NVIDIA/stdexec).
#pragma once

namespace stdexec {
class inplace_stop_token {
 public:
  bool stop_requested() const noexcept { return false; }
  bool stop_possible() const noexcept { return true; }
};
class inplace_stop_source {
 public:
  inplace_stop_token get_token() const noexcept { return {}; }
  bool request_stop() noexcept { return true; }
  bool stop_requested() const noexcept { return false; }
};
struct never_stop_token {
  static constexpr bool stop_requested() noexcept { return false; }
  static constexpr bool stop_possible() noexcept { return false; }
};
}  // namespace stdexec
