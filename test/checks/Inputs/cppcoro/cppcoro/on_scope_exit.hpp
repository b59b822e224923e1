// coroscope test stub for cppcoro::on_scope_exit -- our own code.
#pragma once
#include <utility>
namespace cppcoro {
template <typename FUNC>
struct scoped_lambda {
  FUNC f;
  bool active = true;
  ~scoped_lambda() { if (active) f(); }
  void cancel() { active = false; }
};
template <typename FUNC>
scoped_lambda<FUNC> on_scope_exit(FUNC&& f) { return {static_cast<FUNC&&>(f)}; }
}  // namespace cppcoro
