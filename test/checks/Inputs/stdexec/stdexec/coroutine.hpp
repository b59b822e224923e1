// coroscope test stub of <stdexec/coroutine.hpp> (our own code): as_awaitable and
// with_awaitable_senders live here in the real library too.
#pragma once
#include <stdexec/__detail/__stub_sender.hpp>
