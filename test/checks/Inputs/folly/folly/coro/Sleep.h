// coroscope test stub: folly/coro/Sleep.h.
#pragma once
#include <folly/coro/Task.h>
#include <folly/futures/Future.h>
namespace folly::coro {
// Throws folly::OperationCancelled if the awaiting coroutine is cancelled.
Task<void> sleep(HighResDuration d, Timekeeper* tk = nullptr);
// Returns early, without throwing, on cancellation.
Task<void> sleepReturnEarlyOnCancel(HighResDuration d, Timekeeper* tk = nullptr);
} // namespace folly::coro
