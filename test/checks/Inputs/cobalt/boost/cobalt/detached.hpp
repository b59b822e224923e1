// coroscope test stub of <boost/cobalt/detached.hpp> (our own code).
// detached: EAGER fire-and-forget coroutine; the return object is an empty struct, NOT
// awaitable and NOT [[nodiscard]]: calling it and dropping the result is the intended use.
#pragma once
#include <boost/cobalt/detail/stub_promise.hpp>

namespace boost::cobalt {

struct detached {
  struct promise_type : detail::promise_base {
    detached get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
  };
};

}  // namespace boost::cobalt
