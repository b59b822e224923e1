// coroscope test stub: concurrencpp's umbrella header.
#pragma once
#include <concurrencpp/errors.h>
#include <concurrencpp/executors/executor.h>
#include <concurrencpp/results/lazy_result.h>
#include <concurrencpp/results/result.h>
#include <concurrencpp/results/result_promise.h>
#include <concurrencpp/results/resume_on.h>
#include <concurrencpp/results/shared_result.h>
#include <concurrencpp/results/when_result.h>
#include <concurrencpp/runtime/runtime.h>
#include <concurrencpp/threads/async_condition_variable.h>
#include <concurrencpp/threads/async_lock.h>
#include <concurrencpp/timers/timer_queue.h>
