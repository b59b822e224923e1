// coroscope test stub: folly/Executor.h.
#pragma once
#include <functional>
namespace folly {
class Executor {
 public:
  virtual ~Executor() = default;
  virtual void add(std::function<void()> func) = 0;

  // Executor::KeepAlive<>: a counted reference to an executor; implicitly
  // constructible from a raw executor pointer (as folly's is).
  template <typename ExecutorT = Executor>
  class KeepAlive {
   public:
    KeepAlive() = default;
    /* implicit */ KeepAlive(ExecutorT* executor);
    template <typename OtherT>
    /* implicit */ KeepAlive(const KeepAlive<OtherT>& other);
    ExecutorT* get() const;
    ExecutorT* operator->() const;
    explicit operator bool() const;
  };
};
class DrivableExecutor : public virtual Executor {
 public:
  virtual void drive() = 0;
};
class Timekeeper;
} // namespace folly
