// coroscope test stub of <boost/cobalt/channel.hpp> (our own code).
// Single-threaded channel: `co_await ch.write(v)` / `T v = co_await ch.read()`.
// Reading or writing a closed channel throws boost::system::system_error with
// boost::asio::error::operation_aborted. Not movable. Not a lock.
#pragma once
#include <boost/cobalt/this_thread.hpp>
#include <boost/cobalt/detail/stub_promise.hpp>
#include <cstddef>

namespace boost::cobalt {

template <typename T>
struct channel {
  explicit channel(std::size_t limit = 0u, executor exec = this_thread::get_executor())
      : limit_(limit), exec_(exec) {}
  channel(channel&&) noexcept = delete;
  ~channel() {}  // closes the channel

  struct read_op {
    channel* chn;
    bool await_ready() { return false; }
    void await_suspend(std::coroutine_handle<>) {}
    T await_resume() { return T{}; }
  };
  struct write_op {
    channel* chn;
    bool await_ready() { return false; }
    void await_suspend(std::coroutine_handle<>) {}
    void await_resume() {}
  };

  read_op read() { return {this}; }
  write_op write(const T& value) { (void)value; return {this}; }
  write_op write(T&& value) { (void)value; return {this}; }
  bool is_open() const { return open_; }
  void close() { open_ = false; }

 private:
  std::size_t limit_;
  executor exec_;
  bool open_ = true;
};

template <>
struct channel<void> {
  explicit channel(std::size_t limit = 0u, executor exec = this_thread::get_executor())
      : limit_(limit), exec_(exec) {}
  channel(channel&&) noexcept = delete;

  struct op {
    bool await_ready() { return false; }
    void await_suspend(std::coroutine_handle<>) {}
    void await_resume() {}
  };
  op read() { return {}; }
  op write() { return {}; }
  bool is_open() const { return open_; }
  void close() { open_ = false; }

 private:
  std::size_t limit_;
  executor exec_;
  bool open_ = true;
};

}  // namespace boost::cobalt
