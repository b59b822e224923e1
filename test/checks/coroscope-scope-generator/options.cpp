// RUN: %check_clang_tidy -check-suffix=DEFAULT %s coroscope-scope-generator %t -- -- -I%S/../Inputs
// RUN: %check_clang_tidy -check-suffix=REPLACED %s coroscope-scope-generator %t -- \
// RUN:   -config="{CheckOptions: {coroscope-scope-generator.ScopeGeneratorTypes: 'legacy::.*_scope'}}" \
// RUN:   -- -I%S/../Inputs

#include "coroscope_runtime_stub.h"

namespace legacy {
// Another library's scope generator: same protocol, another name.
template <typename T> struct resource_scope {
  struct promise_type : coroscope::async_context<T>::promise_type {
    resource_scope get_return_object() noexcept { return {}; }
  };
};
} // namespace legacy

// Only what ScopeGeneratorTypes names is held to the yield-once rule; a
// user list replaces the default.
coroscope::async_context<int> twice() {
  co_yield 1;
  co_yield 2;
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: second 'co_yield' on a path through scope generator 'twice'
}

legacy::resource_scope<int> legacy_twice() {
  co_yield 1;
  co_yield 2;
  // CHECK-MESSAGES-REPLACED: :[[@LINE-1]]:3: warning: second 'co_yield' on a path through scope generator 'legacy_twice'
}
