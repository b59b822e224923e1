// coroscope test stub for concurrencpp::errors (v0.1.7) -- our own code.
// Cancellation-like: interrupted_task and its two children.  broken_task is thrown INSIDE a
// coroutine when the executor it was (re)scheduled on shut down (resume_on, parallel
// coroutines, delay objects, broken result_promise); runtime_shutdown when posting to /
// creating timers on a shut-down executor or timer_queue.  All derive from
// std::runtime_error, so `catch (const std::exception&)` swallows them.
#pragma once
#include <stdexcept>
namespace concurrencpp::errors {
struct empty_object : std::runtime_error { using runtime_error::runtime_error; };
struct empty_result : empty_object { using empty_object::empty_object; };
struct empty_result_promise : empty_object { using empty_object::empty_object; };
struct empty_awaitable : empty_object { using empty_object::empty_object; };
struct empty_timer : empty_object { using empty_object::empty_object; };
struct empty_generator : empty_object { using empty_object::empty_object; };
struct interrupted_task : std::runtime_error { using runtime_error::runtime_error; };
struct broken_task : interrupted_task { using interrupted_task::interrupted_task; };
struct runtime_shutdown : interrupted_task { using interrupted_task::interrupted_task; };
struct result_already_retrieved : std::runtime_error { using runtime_error::runtime_error; };
}  // namespace concurrencpp::errors
