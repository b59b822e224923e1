// coroscope test stub for cppcoro (andreasbuhr/cppcoro API) -- our own code, not cppcoro's.
// The fork maps cppcoro::coroutine_handle & co. to std:: (the original lewissbaker/cppcoro
// used <experimental/coroutine>, which clang 19 + libstdc++ 12 cannot compile).
#pragma once
#include <coroutine>
namespace cppcoro {
using std::coroutine_handle;
using std::noop_coroutine;
using std::suspend_always;
using std::suspend_never;
}  // namespace cppcoro
