// Mistake 2 of the lesson: using sync context managers for async resources.
//
//   # BAD: blocks the event loop during file I/O
//   async def bad_read():
//       with open("large_file.csv") as f:
//           data = f.read()  # Blocks!
//       return data
//
//   # GOOD: use aiofiles for async file I/O
//   async def good_read():
//       async with aiofiles.open("large_file.csv") as f:
//           data = await f.read()
//       return data
//
// coroscope-blocking-call flags the file stream's construction (it opens the
// file) and the read in bad_read: while they run, the event loop thread is
// stuck, and so is every other coroutine on it. good_read does the same work
// on a worker thread through coroscope::run_blocking.
#include <coroscope/blocking.hpp>
#include <coroscope/task.hpp>

#include <fstream>
#include <sstream>
#include <string>

namespace lesson {

// BAD: blocks the event loop during file I/O.
coroscope::task<std::string> bad_read() {
  std::ifstream f("large_file.csv"); // BUG(coroscope-blocking-call): opening the file blocks the loop
  std::string data, line;
  while (std::getline(f, line)) // BUG(coroscope-blocking-call): so does every read
    data += line + '\n';
  co_return data;
}

// GOOD: the blocking part runs on a worker thread; the loop keeps running.
coroscope::task<std::string> good_read() {
  co_return co_await coroscope::run_blocking([] {
    std::ifstream f("large_file.csv");
    std::ostringstream data;
    data << f.rdbuf();
    return data.str();
  });
}

} // namespace lesson
