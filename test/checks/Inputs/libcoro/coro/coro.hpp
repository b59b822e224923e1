// coroscope test stub: libcoro's umbrella header.
#pragma once
#include <coro/concepts/awaitable.hpp>
#include <coro/concepts/executor.hpp>
#include <coro/condition_variable.hpp>
#include <coro/event.hpp>
#include <coro/latch.hpp>
#include <coro/mutex.hpp>
#include <coro/scheduler.hpp>
#include <coro/semaphore.hpp>
#include <coro/shared_mutex.hpp>
#include <coro/sync_wait.hpp>
#include <coro/task.hpp>
#include <coro/task_group.hpp>
#include <coro/thread_pool.hpp>
#include <coro/when_all.hpp>
