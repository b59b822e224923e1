// Locks released by hand, as many coroutine libraries offer them next to
// their RAII guards: the pairs coroscope-unguarded-acquire looks at.
#pragma once
#include "coroscope_scopes_stub.h"

namespace demo {

class manual_mutex {
public:
  coroscope::task<void> lock();
  void unlock() noexcept;
};

class manual_semaphore {
public:
  explicit manual_semaphore(int count);
  coroscope::task<void> acquire();
  void release() noexcept;
};

} // namespace demo
