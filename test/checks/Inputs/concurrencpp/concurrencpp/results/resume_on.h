// coroscope test stub for concurrencpp::resume_on -- our own code.
// `co_await concurrencpp::resume_on(executor);` continues the coroutine on that executor
// (offload).  Throws errors::broken_task if the executor shuts down before resuming it.
#pragma once
#include <concurrencpp/executors/executor.h>
#include <memory>
namespace concurrencpp {
namespace details {
struct resume_on_awaitable : std::suspend_always {
  void await_suspend(std::coroutine_handle<> h);
  void await_resume() const;  // may throw errors::broken_task
};
}  // namespace details
template <class executor_type>
details::resume_on_awaitable resume_on(std::shared_ptr<executor_type> executor);
template <class executor_type>
details::resume_on_awaitable resume_on(executor_type& executor) noexcept;
}  // namespace concurrencpp
