// coroscope test stub (our own code). Boost.Cobalt needs boost::asio::cancellation_type,
// which Boost.Asio gained in Boost 1.77; Debian 12 ships Boost 1.74. With a newer Boost
// this forwards to the real header.
#pragma once
#include <boost/version.hpp>
#if BOOST_VERSION >= 107700
#include_next <boost/asio/cancellation_type.hpp>
#else
namespace boost::asio {
enum class cancellation_type : unsigned int {
  none = 0, terminal = 1, partial = 2, total = 4, all = 0xffffffff
};
}  // namespace boost::asio
#endif
