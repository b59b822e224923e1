// coroscope test stub for concurrencpp::async_condition_variable -- our own code.
// `co_await cv.await(resume_executor, guard[, pred]);` UNLOCKS `guard` (argument 2, a
// scoped_async_lock that must own the lock) while suspended and re-locks it before
// returning.  notify_one()/notify_all() are plain (non-awaitable) calls.
#pragma once
#include <concurrencpp/threads/async_lock.h>
namespace concurrencpp {
class async_condition_variable {
 public:
  async_condition_variable() noexcept = default;
  ~async_condition_variable() noexcept;
  async_condition_variable(const async_condition_variable&) = delete;
  lazy_result<void> await(std::shared_ptr<executor> resume_executor, scoped_async_lock& lock);
  template <class predicate_type>
  lazy_result<void> await(std::shared_ptr<executor> resume_executor, scoped_async_lock& lock,
                          predicate_type pred) {  // loops: while (!pred()) await(ex, lock)
    (void)pred;
    return await(static_cast<std::shared_ptr<executor>&&>(resume_executor), lock);
  }
  void notify_one();
  void notify_all();
};
}  // namespace concurrencpp
