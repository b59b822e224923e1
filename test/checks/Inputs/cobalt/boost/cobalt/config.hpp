// coroscope test stub of <boost/cobalt/config.hpp> (our own code; API of Boost.Cobalt 1.84-1.88).
#pragma once
#include <boost/asio/any_io_executor.hpp>

namespace boost::cobalt {
using executor = boost::asio::any_io_executor;  // default, unless BOOST_COBALT_USE_IO_CONTEXT
}
