// coroscope test stub for async_simple::coro::collectAll / collectAny -- our own code.
// Results are Try<T> (errors do not throw out of collectAll).  With the template argument
// SignalType::Terminate the first finisher cancels the others (they see SignalException);
// default SignalType::None lets them run on.
#pragma once
#include <async_simple/Signal.h>
#include <async_simple/Try.h>
#include <async_simple/coro/Lazy.h>
#include <cstddef>
#include <tuple>
#include <variant>
#include <vector>

namespace async_simple::coro {
template <typename T>
struct CollectAnyResult {
  std::size_t _idx;
  Try<T> _value;
  std::size_t index() const { return _idx; }
};
template <SignalType Sig = SignalType::None, template <typename> typename LazyType,
          typename... Ts>
Lazy<std::tuple<Try<Ts>...>> collectAll(LazyType<Ts>... awaitables);
template <SignalType Sig = SignalType::None, typename T, template <typename> typename LazyType>
Lazy<std::vector<Try<T>>> collectAll(std::vector<LazyType<T>> input);
template <SignalType Sig = SignalType::None, template <typename> typename LazyType,
          typename... Ts>
Lazy<std::tuple<Try<Ts>...>> collectAllPara(LazyType<Ts>... awaitables);
template <SignalType Sig = SignalType::None, template <typename> typename LazyType,
          typename... Ts>
Lazy<std::variant<Try<Ts>...>> collectAny(LazyType<Ts>... awaitables);
template <SignalType Sig = SignalType::None, typename T, template <typename> typename LazyType>
Lazy<CollectAnyResult<T>> collectAny(std::vector<LazyType<T>> input);
}  // namespace async_simple::coro
