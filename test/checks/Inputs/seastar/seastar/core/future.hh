// coroscope test stub: seastar/core/future.hh (API shape of scylladb/seastar@525fcc8).
// seastar::future<T>: [[nodiscard]], move-only. Returned by an EAGER
// operation (a coroutine returning it starts at once). Dropping it does not
// cancel anything: the work goes on detached; a failure is only logged
// ("Exceptional future ignored") when the dropped state is destroyed.
// get()/wait(): only legal in a seastar::thread, or on an available()
// future; elsewhere a non-ready future aborts (SEASTAR_ASSERT(thread)).
#pragma once
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace seastar {
template <typename T = void> class future;
template <typename T = void> class promise;

template <typename T> struct futurize { using type = future<T>; };
template <typename T> struct futurize<future<T>> { using type = future<T>; };
template <typename T> using futurize_t = typename futurize<T>::type;

namespace internal {
template <typename F, typename T> struct call_result { using type = std::invoke_result_t<F, T&&>; };
template <typename F> struct call_result<F, void> { using type = std::invoke_result_t<F>; };
} // namespace internal

class broken_promise : public std::logic_error {
 public:
  broken_promise();
};

template <typename T>
class [[nodiscard]] future {
 public:
  using value_type = T;
  future(future&&) noexcept;
  future(const future&) = delete;
  future& operator=(future&&) noexcept;
  ~future();
  T get();                        // see header comment
  void wait() noexcept;           // seastar::thread only
  bool available() const noexcept;
  bool failed() const noexcept;
  std::exception_ptr get_exception() noexcept;
  void ignore_ready_future() noexcept;   // drops the value or exception
  future<> discard_result() noexcept;
  template <typename Func>
  futurize_t<typename internal::call_result<Func, T>::type> then(Func&& func) noexcept { std::abort(); }
  template <typename Func>
  future<T> finally(Func&& func) noexcept { std::abort(); }
  template <typename Func>
  future<T> handle_exception(Func&& func) noexcept { std::abort(); }
};

template <typename T>
class promise {
 public:
  promise() noexcept;
  promise(promise&&) noexcept;
  ~promise();  // an unfulfilled promise fails its future with broken_promise
  future<T> get_future() noexcept;
  template <typename... A> void set_value(A&&... a) noexcept;
  void set_exception(std::exception_ptr ex) noexcept;
};

template <typename T> future<std::decay_t<T>> make_ready_future(T&& value) noexcept;
future<> make_ready_future() noexcept;
template <typename T = void> future<T> make_exception_future(std::exception_ptr ex) noexcept;
template <typename T = void, typename Exception> future<T> make_exception_future(Exception&& ex) noexcept;
template <typename T = void> future<T> current_exception_as_future() noexcept;

// Call func and turn its result (or exception) into a future.
template <typename Func, typename... Args>
futurize_t<std::invoke_result_t<Func, Args...>> futurize_invoke(Func&& func, Args&&... args) noexcept { std::abort(); }
} // namespace seastar
