// coroscope/detail/outcome.hpp - how a finished operation ended.
//
// One storage for "a value, an exception, or not finished yet", shared by
// tasks, task groups, when_all, run() and run_blocking, so that the rules
// for void, references and rethrowing live in one place.
#ifndef COROSCOPE_DETAIL_OUTCOME_HPP
#define COROSCOPE_DETAIL_OUTCOME_HPP

#include <exception>
#include <memory>
#include <type_traits>
#include <utility>
#include <variant>

namespace coroscope {
class cancelled;

namespace detail {

/// True when \p error holds a coroscope::cancelled. Cancellation is how a
/// scope stops its work, not an error of that work, so scopes tell it apart.
bool is_cancellation(const std::exception_ptr& error) noexcept;

/// What an operation of result T hands to a tuple or vector: void becomes
/// std::monostate, so that when_all's tuple keeps one slot per task.
template <class T>
using value_or_monostate_t = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

template <class T>
class outcome {
  using stored = std::conditional_t<std::is_reference_v<T>,
                                    std::add_pointer_t<std::remove_reference_t<T>>, T>;

public:
  template <class U>
  void set_value(U&& value) {
    if constexpr (std::is_reference_v<T>)
      state_.template emplace<1>(std::addressof(value));
    else
      state_.template emplace<1>(std::forward<U>(value));
  }
  void set_exception(std::exception_ptr error) noexcept {
    state_.template emplace<2>(std::move(error));
  }

  /// The exception, or null for a value (or no result yet).
  std::exception_ptr exception() const noexcept {
    return state_.index() == 2 ? std::get<2>(state_) : nullptr;
  }

  /// The value, or rethrows the exception. Single use: moves the value out.
  T get() && {
    if (state_.index() == 2)
      std::rethrow_exception(std::get<2>(state_));
    if constexpr (std::is_reference_v<T>)
      return static_cast<T>(*std::get<1>(state_));
    else
      return std::move(std::get<1>(state_));
  }

private:
  std::variant<std::monostate, stored, std::exception_ptr> state_;
};

template <>
class outcome<void> {
public:
  void set_value() noexcept {}
  void set_exception(std::exception_ptr error) noexcept { error_ = std::move(error); }
  std::exception_ptr exception() const noexcept { return error_; }
  void get() && {
    if (error_)
      std::rethrow_exception(error_);
  }

private:
  std::exception_ptr error_;
};

/// get() for storage in a tuple or vector: void gives std::monostate.
template <class T>
value_or_monostate_t<T> take_value(outcome<T>&& result) {
  if constexpr (std::is_void_v<T>) {
    std::move(result).get();
    return {};
  } else {
    return std::move(result).get();
  }
}

} // namespace detail
} // namespace coroscope

#endif
