// coroscope test stub for libcoro: coro::concepts::executor -- our own code.
#pragma once
namespace coro::concepts {
template <typename E>
concept executor = requires(E& e) { e.schedule(); e.yield(); };
}  // namespace coro::concepts
