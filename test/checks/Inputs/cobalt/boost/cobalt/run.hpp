// coroscope test stub of <boost/cobalt/run.hpp> (our own code).
// BLOCKING: creates an io_context, runs the task to completion on the calling thread.
// For synchronous code only (main, tests); never inside a coroutine.
#pragma once
#include <boost/cobalt/task.hpp>

namespace boost::cobalt {
template <typename T>
T run(task<T> t);
}  // namespace boost::cobalt
