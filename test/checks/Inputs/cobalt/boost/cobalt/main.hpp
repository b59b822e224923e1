// coroscope test stub of <boost/cobalt/main.hpp> (our own code).
// Declaring `cobalt::main co_main(int, char**)` makes the library provide main(); it runs
// the coroutine on an io_context and turns SIGINT/SIGTERM into cancellation.
#pragma once
#include <boost/cobalt/detail/stub_promise.hpp>

namespace boost::cobalt {
namespace detail { struct main_promise; }
class main {
  friend struct detail::main_promise;
  explicit main(detail::main_promise* p) : promise(p) {}
  detail::main_promise* promise;
};
}  // namespace boost::cobalt

auto co_main(int argc, char* argv[]) -> boost::cobalt::main;

namespace boost::cobalt::detail {
struct main_promise : promise_base {
  boost::cobalt::main get_return_object() { return boost::cobalt::main{this}; }
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_never final_suspend() noexcept { return {}; }
  void return_value(int) {}
};
}  // namespace boost::cobalt::detail

template <typename Char>
struct std::coroutine_traits<boost::cobalt::main, int, Char> {
  using promise_type = boost::cobalt::detail::main_promise;
};
