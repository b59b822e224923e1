// coroscope test stub: folly/executors/GlobalExecutor.h.
#pragma once
#include <folly/Executor.h>
namespace folly {
class IOExecutor : public virtual Executor {};
Executor::KeepAlive<> getGlobalCPUExecutor();
Executor::KeepAlive<IOExecutor> getGlobalIOExecutor();
} // namespace folly
