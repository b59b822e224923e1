// coroscope test stub for concurrencpp::result_promise<T> -- our own code.
// The producer end of a result that no coroutine runs behind: get_result() hands out the
// result once, set_result()/set_exception() fill it.  Dropping that result loses nothing.
#pragma once
#include <concurrencpp/results/result.h>
#include <exception>

namespace concurrencpp {
template <class type>
class result_promise {
 public:
  result_promise();
  result<type> get_result();
  template <class... argument_types>
  void set_result(argument_types&&... arguments);
  void set_exception(std::exception_ptr exception_ptr);
};
}  // namespace concurrencpp
