// coroscope test stub for async_simple's cancellation signals (v1.4) -- our own code.
// A cancelled awaitable (sleep / Executor::after, Yield, SpinLock::coLock, collectAny, a
// co_awaited Future) throws async_simple::SignalException with value() == Terminate.
// SignalException derives from std::runtime_error: `catch (const std::exception&)` swallows it.
#pragma once
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

namespace async_simple {
enum SignalType : uint64_t { None = 0, Terminate = 1, All = UINT64_MAX };

class Signal : public std::enable_shared_from_this<Signal> {
 public:
  SignalType emits(SignalType state) noexcept;
  SignalType state() const noexcept;
  static std::shared_ptr<Signal> create();
};

class Slot {
 public:
  explicit Slot(Signal* signal, SignalType filter = SignalType::All);
  template <typename... Args>
  [[nodiscard]] bool emplace(SignalType type, Args&&... args) {
    (void)type, ((void)args, ...);
    return true;
  }
  bool clear(SignalType type);
  bool hasTriggered(SignalType type) const noexcept;
  bool canceled() const noexcept { return hasTriggered(SignalType::Terminate); }
  Signal* signal() const noexcept;
};

class SignalException : public std::runtime_error {
 public:
  explicit SignalException(SignalType signal, std::string msg = "")
      : std::runtime_error(std::move(msg)), _signal(signal) {}
  SignalType value() const { return _signal; }
 private:
  SignalType _signal;
};
}  // namespace async_simple
