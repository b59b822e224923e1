// coroscope test stub for cppcoro::generator<T> (synchronous) -- our own code.
// Not awaitable and not a task: co_await is forbidden inside (await_transform = delete).
#pragma once
#include <cppcoro/coroutine.hpp>
#include <type_traits>

namespace cppcoro {
template <typename T> class generator;
namespace detail {
template <typename T>
struct generator_promise {
  generator<T> get_return_object() noexcept;
  suspend_always initial_suspend() const noexcept { return {}; }
  suspend_always final_suspend() const noexcept { return {}; }
  suspend_always yield_value(std::remove_reference_t<T>& v) noexcept { value = &v; return {}; }
  suspend_always yield_value(std::remove_reference_t<T>&& v) noexcept { value = &v; return {}; }
  void unhandled_exception() {}
  void return_void() {}
  template <typename U> suspend_never await_transform(U&&) = delete;
  std::remove_reference_t<T>* value = nullptr;
};
struct generator_sentinel {};
}  // namespace detail

template <typename T>
class [[nodiscard]] generator {
 public:
  using promise_type = detail::generator_promise<T>;
  struct iterator {
    coroutine_handle<promise_type> h;
    T& operator*() const noexcept { return *h.promise().value; }
    iterator& operator++() { h.resume(); return *this; }
    bool operator==(detail::generator_sentinel) const noexcept { return !h || h.done(); }
  };
  explicit generator(coroutine_handle<promise_type> h) noexcept : m_coroutine(h) {}
  generator(generator&& o) noexcept : m_coroutine(o.m_coroutine) { o.m_coroutine = nullptr; }
  ~generator() { if (m_coroutine) m_coroutine.destroy(); }
  iterator begin() { m_coroutine.resume(); return iterator{m_coroutine}; }
  detail::generator_sentinel end() noexcept { return {}; }
 private:
  coroutine_handle<promise_type> m_coroutine;
};

template <typename T>
generator<T> detail::generator_promise<T>::get_return_object() noexcept {
  return generator<T>{coroutine_handle<generator_promise>::from_promise(*this)};
}
}  // namespace cppcoro
