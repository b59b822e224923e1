// coroscope test stub of <boost/cobalt/this_coro.hpp> (our own code).
// Pseudo-awaitables handled by every cobalt promise's await_transform.
#pragma once
#include <boost/asio/this_coro.hpp>
#include <boost/asio/cancellation_type.hpp>

namespace boost::cobalt::this_coro {
using namespace boost::asio::this_coro;   // executor (and, with Boost >= 1.77, cancellation_state ...)

struct cancelled_t {};
constexpr cancelled_t cancelled;          // co_await -> asio::cancellation_type
struct initial_t {};
constexpr initial_t initial;              // generator only: co_await makes the generator lazy
struct throw_if_cancelled_t { bool value; };
inline throw_if_cancelled_t throw_if_cancelled(bool value) { return {value}; }
}  // namespace boost::cobalt::this_coro
