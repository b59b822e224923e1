// coroscope test stub for async_simple::executors::SimpleExecutor (thread pool) -- our own code.
#pragma once
#include <async_simple/Executor.h>
#include <cstddef>
namespace async_simple::executors {
class SimpleExecutor : public Executor {
 public:
  explicit SimpleExecutor(std::size_t threadNum);
  ~SimpleExecutor();
  bool schedule(Func func) override;
  bool currentThreadInExecutor() const override;
};
}  // namespace async_simple::executors
