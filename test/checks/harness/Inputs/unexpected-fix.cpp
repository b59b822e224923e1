#include "minimal_tasks.h"
demo::lazy_task<> close_connection();
demo::lazy_task<> coroutine() {
  close_connection();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result of 'close_connection' is a lazy task
  co_return;
}
