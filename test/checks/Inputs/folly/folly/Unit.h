// coroscope test stub: folly/Unit.h (API shape only; not folly's code).
#pragma once
#include <type_traits>
namespace folly {
struct Unit {};
template <typename T>
using lift_unit_t = std::conditional_t<std::is_void_v<T>, Unit, T>;
} // namespace folly
