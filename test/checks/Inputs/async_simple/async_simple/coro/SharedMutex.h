// coroscope test stub for async_simple::coro::SharedMutex -- our own code.
// ALL members are Lazy: `co_await m.coLock(); ... co_await m.unlock();`
//                      `co_await m.coLockShared(); ... co_await m.unlockShared();`  No RAII form.
#pragma once
#include <async_simple/coro/Lazy.h>
namespace async_simple::coro {
struct SharedMutex {
  explicit SharedMutex(int count = 128);
  Lazy<> coLock() noexcept;
  bool tryLock() noexcept;
  Lazy<void> unlock() noexcept;
  Lazy<void> coLockShared();
  bool tryLockShared();
  Lazy<void> unlockShared();
};
}  // namespace async_simple::coro
