// coroscope test stub: seastar/core/semaphore.hh.
// Manual pair: co_await sem.wait(n); ... sem.signal(n);
// RAII: auto units = co_await get_units(sem, n);   (semaphore_units signals in its dtor)
//       auto u = try_get_units(sem, n);  consume_units(sem, n);
//       co_await with_semaphore(sem, n, [] { ... });
// seastar::semaphore is an ALIAS: its declaration is
// seastar::basic_semaphore<seastar::semaphore_default_exception_factory>.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <exception>
#include <optional>
#include <type_traits>
#include <sys/types.h>
#include <seastar/core/abort_source.hh>
#include <seastar/core/future.hh>
#include <seastar/core/timed_out_error.hh>
#include <seastar/core/timer.hh>
namespace seastar {
class broken_semaphore : public std::exception {
 public:
  const char* what() const noexcept override;
};
class semaphore_timed_out : public timed_out_error {
 public:
  const char* what() const noexcept override;
};
class semaphore_aborted : public abort_requested_exception {
 public:
  const char* what() const noexcept override;
};
struct semaphore_default_exception_factory {
  static semaphore_timed_out timeout() noexcept;
  static broken_semaphore broken() noexcept;
  static semaphore_aborted aborted() noexcept;
};

template <typename ExceptionFactory, typename Clock = steady_clock_type>
class basic_semaphore : private ExceptionFactory {
 public:
  using duration = typename Clock::duration;
  using clock = Clock;
  using time_point = typename Clock::time_point;
  explicit basic_semaphore(std::size_t count) noexcept;
  future<> wait(std::size_t nr = 1) noexcept;
  future<> wait(time_point timeout, std::size_t nr = 1) noexcept;
  future<> wait(duration timeout, std::size_t nr = 1) noexcept;
  future<> wait(abort_source& as, std::size_t nr = 1) noexcept;
  void signal(std::size_t nr = 1) noexcept;
  void consume(std::size_t nr = 1) noexcept;
  bool try_wait(std::size_t nr = 1) noexcept;
  std::size_t current() const noexcept;
  ssize_t available_units() const noexcept;
  std::size_t waiters() const noexcept;
  void broken() noexcept;
};

template <typename ExceptionFactory = semaphore_default_exception_factory, typename Clock = steady_clock_type>
class semaphore_units {
 public:
  semaphore_units() noexcept;
  semaphore_units(basic_semaphore<ExceptionFactory, Clock>& sem, std::size_t n) noexcept;
  semaphore_units(semaphore_units&&) noexcept;
  semaphore_units& operator=(semaphore_units&&) noexcept;
  semaphore_units(const semaphore_units&) = delete;
  ~semaphore_units() noexcept;  // signal(count())
  std::size_t return_units(std::size_t units);
  void return_all() noexcept;
  std::size_t release() noexcept;  // give up ownership without signalling
  semaphore_units split(std::size_t units);
  void adopt(semaphore_units&& other) noexcept;
  std::size_t count() const noexcept;
  explicit operator bool() const noexcept;
};

template <typename EF, typename Clock = steady_clock_type>
future<semaphore_units<EF, Clock>> get_units(basic_semaphore<EF, Clock>& sem, std::size_t units) noexcept;
template <typename EF, typename Clock = steady_clock_type>
future<semaphore_units<EF, Clock>> get_units(basic_semaphore<EF, Clock>& sem, std::size_t units,
                                             typename basic_semaphore<EF, Clock>::time_point timeout) noexcept;
template <typename EF, typename Clock>
future<semaphore_units<EF, Clock>> get_units(basic_semaphore<EF, Clock>& sem, std::size_t units,
                                             typename basic_semaphore<EF, Clock>::duration timeout) noexcept;
template <typename EF, typename Clock>
future<semaphore_units<EF, Clock>> get_units(basic_semaphore<EF, Clock>& sem, std::size_t units, abort_source& as) noexcept;
template <typename EF, typename Clock = steady_clock_type>
std::optional<semaphore_units<EF, Clock>> try_get_units(basic_semaphore<EF, Clock>& sem, std::size_t units) noexcept;
template <typename EF, typename Clock = steady_clock_type>
semaphore_units<EF, Clock> consume_units(basic_semaphore<EF, Clock>& sem, std::size_t units) noexcept;
template <typename EF, typename Func, typename Clock = steady_clock_type>
futurize_t<std::invoke_result_t<Func>> with_semaphore(basic_semaphore<EF, Clock>& sem, std::size_t units, Func&& func) noexcept {
  std::abort();
}

using semaphore = basic_semaphore<semaphore_default_exception_factory>;
} // namespace seastar
