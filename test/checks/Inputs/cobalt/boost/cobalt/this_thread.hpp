// coroscope test stub of <boost/cobalt/this_thread.hpp> (our own code).
#pragma once
#include <boost/cobalt/config.hpp>

namespace boost::cobalt::this_thread {
executor& get_executor();                 // throws if no executor is set for this thread
void set_executor(executor exec) noexcept;
bool has_executor();
}  // namespace boost::cobalt::this_thread
