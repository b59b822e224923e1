#include <coroscope/task_group.hpp>

namespace coroscope {

task_group::task_group(stop_token outer)
    : children_(outer), body_(outer), loop_(event_loop::current()) {}

void task_group::spawn(task<void> child) {
  detail::task_access::start_once(child); // a used task fails here, in the caller
  std::coroutine_handle<detail::group_child_promise> runner =
      detail::run_child(*this, std::move(child)).handle;
  runner.promise().token = children_.get_token();
  try {
    loop_.call_soon(runner);
  } catch (...) {
    runner.destroy();
    throw;
  }
  ++running_;
}

void task_group::fail(std::exception_ptr error) noexcept {
  if (!error || detail::is_cancellation(error))
    return;
  if (first_error_) {
    report_cleanup_error(std::move(error));
    return;
  }
  first_error_ = std::move(error);
  body_.request_stop();
  children_.request_stop();
}

void task_group::child_finished(std::exception_ptr error) noexcept {
  fail(std::move(error));
  if (--running_ == 0 && joiner_)
    loop_.call_soon(std::exchange(joiner_, {}));
}

} // namespace coroscope
