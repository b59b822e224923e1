// coroscope test stub: seastar/core/timer.hh (clock alias only).
#pragma once
#include <chrono>
namespace seastar {
using steady_clock_type = std::chrono::steady_clock;
} // namespace seastar
