// coroscope test stub of <stdexec/execution.hpp> (our own code; API of NVIDIA/stdexec,
// checked at e92245d, Aug 2026, and nvhpc-25.09).
#pragma once
#include <stdexec/stop_token.hpp>
#include <stdexec/__detail/__stub_sender.hpp>
#include <stdexec/__detail/__stub_algorithms.hpp>
#include <stdexec/__detail/__counting_scopes.hpp>
#include <stdexec/__detail/__task.hpp>
