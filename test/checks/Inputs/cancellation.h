// coroscope's cancellation exception, as the runtime declares it, so the
// checks are tested on the default CancellationExceptions without the runtime.
#pragma once

namespace coroscope {
// Deliberately not a std::exception, like Python's CancelledError is not an
// Exception: `catch (const std::exception&)` does not catch it.
struct cancelled {};
} // namespace coroscope
