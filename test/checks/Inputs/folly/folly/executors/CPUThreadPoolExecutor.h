// coroscope test stub: folly/executors/CPUThreadPoolExecutor.h.
// A dedicated pool is folly's place for blocking work.
#pragma once
#include <cstddef>
#include <folly/Executor.h>
namespace folly {
class CPUThreadPoolExecutor : public virtual Executor {
 public:
  explicit CPUThreadPoolExecutor(std::size_t numThreads);
  ~CPUThreadPoolExecutor() override;
  void add(std::function<void()> func) override;
};
} // namespace folly
