// Built against the installed coroscope::runtime.
#ifdef CONSUMER_USES_RUNTIME
#include <coroscope/run.hpp>
#include <coroscope/task.hpp>

coroscope::task<int> answer() { co_return 42; }

int main() { return coroscope::run(answer()) == 42 ? 0 : 1; }
#else
int main() { return 0; }
#endif
