// coroscope test stub: seastar/util/later.hh.
#pragma once
#include <seastar/core/future.hh>
namespace seastar {
future<> now();
future<> yield() noexcept;
future<> maybe_yield() noexcept;
} // namespace seastar
