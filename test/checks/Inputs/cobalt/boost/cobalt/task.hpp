// coroscope test stub of <boost/cobalt/task.hpp> (our own code).
// task<T>: LAZY (starts when awaited or spawned), [[nodiscard]], move-only; dropped
// unstarted => the frame is destroyed and the body never runs. co_await works on
// lvalues (operator co_await is not &&-qualified); a second co_await after completion
// yields the moved-from value again.
#pragma once
#include <boost/cobalt/detail/stub_promise.hpp>
#include <boost/cobalt/op.hpp>

namespace boost::cobalt {

template <typename Return>
struct [[nodiscard]] task {
  struct promise_type : detail::promise_base, detail::value_holder<Return> {
    task get_return_object() {
      return task{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
  };

  task(task&& lhs) noexcept : h_(std::exchange(lhs.h_, {})) {}
  task& operator=(task&& lhs) noexcept {
    h_ = std::exchange(lhs.h_, {});
    return *this;
  }
  task(const task&) = delete;
  task& operator=(const task&) = delete;
  ~task() {
    if (h_) h_.destroy();
  }

  auto operator co_await() { return detail::handle_awaiter<promise_type, Return>{h_}; }

 private:
  explicit task(std::coroutine_handle<promise_type> h) : h_(h) {}
  std::coroutine_handle<promise_type> h_;
};

// Completion token that makes an asio operation return a cobalt::task.
struct use_task_t {
  constexpr use_task_t() {}
};
constexpr use_task_t use_task{};

}  // namespace boost::cobalt
