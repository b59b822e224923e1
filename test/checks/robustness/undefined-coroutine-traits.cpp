// RUN: %check_clang_tidy %s 'coroscope-*' %t
// A translation unit that declares std::coroutine_traits and a
// specialization for an awaitable without defining either: the checks must
// not look into a definition that is not there (they used to crash).

namespace std {
template <class Returned, class... Arguments> struct coroutine_traits;
} // namespace std

struct awaitable {
  bool await_ready();
  void await_suspend(void *);
  void await_resume();
};
template <> struct std::coroutine_traits<awaitable>;

awaitable start();

struct connection {
  ~connection() { start(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result of 'start' is an awaitable that is discarded in a destructor, where it can never be awaited
};
