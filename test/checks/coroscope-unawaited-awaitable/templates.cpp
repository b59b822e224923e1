// RUN: %check_clang_tidy %s coroscope-unawaited-awaitable %t -- -- -I%S/../Inputs

#include "minimal_tasks.h"

using namespace demo;

lazy_task<> close_connection();

template <typename Resource> lazy_task<> close_all(Resource &resource) {
  // Dependent: the type is known per instantiation, reported once here;
  // no fix-it, as 'co_await' would not compile where close() returns void.
  resource.close();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'close' is a lazy task that is discarded without being awaited; its body never runs [coroscope-unawaited-awaitable]
  // CHECK-FIXES: {{^}}  resource.close();{{$}}
  // Not dependent: the same in every instantiation, reported once.
  close_connection();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'close_connection' is a lazy task
  // CHECK-FIXES: {{^}}  co_await close_connection();{{$}}
  co_return;
}

struct async_socket {
  lazy_task<> close();
};
struct other_async_socket {
  lazy_task<int> close();
};
struct sync_socket {
  void close();
};

lazy_task<> instantiate() {
  async_socket a;
  other_async_socket b;
  sync_socket c;
  co_await close_all(a);
  co_await close_all(b);
  co_await close_all(c);
}

// Only instantiated with synchronous resources: nothing to report.
template <typename Resource> void close_sync(Resource &resource) {
  resource.close();
}
void use_sync() {
  sync_socket c;
  close_sync(c);
}

// A class template's member, instantiated twice, reported once.
template <typename T> struct holder {
  lazy_task<T> refresh();
  void drop() { refresh(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: result of 'refresh' is a lazy task
};
void drops() {
  holder<int>{}.drop();
  holder<long>{}.drop();
}
