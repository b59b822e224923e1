// RUN: %check_clang_tidy -expect-clang-tidy-error %s 'coroscope-*' %t
// A header that cannot be found: the rest of the file is full of unknown names.

#include "coroscope/no_such_header.hpp"
// CHECK-MESSAGES: :[[@LINE-1]]:{{[0-9]+}}: error: {{.+}} [clang-diagnostic-error]

coroscope::task<void> close();

coroscope::task<void> broken() {
  close();
  co_await close();
}
