// coroscope test stub: seastar/core/gate.hh.
// Manual pair: g.enter() ... g.leave();   RAII: auto h = g.hold(); (gate::holder)
// or co_await with_gate(g, [] { ... });. Shutdown: co_await g.close(); --
// close() returns a [[nodiscard]] future that resolves when all holders left;
// ~gate() asserts `!_count` ("gate destroyed with outstanding requests");
// close() twice asserts. enter()/hold()/check() throw gate_closed_exception
// once closed.
#pragma once
#include <cstddef>
#include <cstdlib>
#include <exception>
#include <optional>
#include <type_traits>
#include <seastar/core/future.hh>
namespace seastar {
class gate_closed_exception : public std::exception {
 public:
  const char* what() const noexcept override { return "gate closed"; }
};
class gate {
 public:
  gate() noexcept {}
  gate(const gate&) = delete;
  gate(gate&&) noexcept;
  virtual ~gate();
  bool try_enter() noexcept;
  void enter();
  void leave() noexcept;
  void check() const;
  future<> close() noexcept;
  std::size_t get_count() const noexcept;
  bool is_closed() const noexcept;
  class holder {
   public:
    holder() noexcept;
    explicit holder(gate& g);
    holder(const holder&) noexcept;
    holder(holder&&) noexcept;
    ~holder();  // leave()
    holder& operator=(const holder&) noexcept;
    holder& operator=(holder&&) noexcept;
    void release() noexcept;
  };
  holder hold();
  std::optional<holder> try_hold() noexcept;
};
class named_gate : public gate {
 public:
  named_gate() = default;
};
template <typename Func>
auto with_gate(gate& g, Func&& func) -> futurize_t<std::invoke_result_t<Func>> { std::abort(); }
template <typename Func>
auto try_with_gate(gate& g, Func&& func) noexcept -> futurize_t<std::invoke_result_t<Func>> { std::abort(); }
} // namespace seastar
