// coroscope test stub: seastar/core/when_all.hh (futures only; the real
// functions also accept callables).
// when_all(f...): future<std::tuple<future<T>...>> whose elements are READY
// (their get()/ignore_ready_future() do not block).
// when_all_succeed(f...): future<std::tuple<T...>> (void results dropped);
// one failure fails it.
#pragma once
#include <iterator>
#include <tuple>
#include <type_traits>
#include <vector>
#include <seastar/core/future.hh>
namespace seastar {
template <typename... T>
future<std::tuple<future<T>...>> when_all(future<T>&&... futs) noexcept;
template <typename FutureIterator>
future<std::vector<typename std::iterator_traits<FutureIterator>::value_type>>
when_all(FutureIterator begin, FutureIterator end) noexcept;

template <typename... T>
using when_all_succeed_tuple_t = decltype(std::tuple_cat(
    std::declval<std::conditional_t<std::is_void_v<T>, std::tuple<>, std::tuple<T>>>()...));
template <typename... T>
future<when_all_succeed_tuple_t<T...>> when_all_succeed(future<T>&&... futs) noexcept;
template <typename T>
future<std::vector<T>> when_all_succeed(std::vector<future<T>>&& futures) noexcept;
future<> when_all_succeed(std::vector<future<>>&& futures) noexcept;
} // namespace seastar
