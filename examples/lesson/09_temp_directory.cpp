// Part 3, pattern 2: a scoped temporary directory. Removing a directory tree
// is blocking file-system work, so it runs on a worker thread through
// run_blocking (Python: loop.run_in_executor), and so does every other file
// operation here: the event loop never waits for the disk.
#include "lesson.hpp"

#include <coroscope/async_context.hpp>
#include <coroscope/blocking.hpp>
#include <coroscope/scope.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace fs = std::filesystem;
using coroscope::async_context;
using coroscope::async_with;
using coroscope::run_blocking;
using coroscope::task;

/// tempfile.mkdtemp(prefix=prefix)
fs::path make_temp_directory(const std::string& prefix) {
  std::string name = (fs::temp_directory_path() / (prefix + "XXXXXX")).string();
  if (::mkdtemp(name.data()) == nullptr)
    throw fs::filesystem_error("mkdtemp", name, std::error_code(errno, std::generic_category()));
  return name;
}

/// Create a temporary directory that is cleaned up on exit.
async_context<fs::path> async_temp_directory(std::string prefix = "async_") {
  auto create = [prefix] { return make_temp_directory(prefix); };
  fs::path path = co_await run_blocking(create);
  co_yield path;
  // Run blocking cleanup on a worker thread to avoid blocking the event loop.
  auto remove = [path] { fs::remove_all(path); };
  co_await run_blocking(remove);
}

task<bool> path_exists(fs::path path) {
  auto check = [path] { return fs::exists(path); };
  co_return co_await run_blocking(check);
}

const char* python_bool(bool value) { return value ? "True" : "False"; }

task<void> amain() {
  fs::path tmpdir;
  co_await async_with(async_temp_directory("work_"), [&tmpdir](fs::path& path) -> task<void> {
    tmpdir = path;
    // Create files in the temporary directory.
    const fs::path data_file = tmpdir / "data.json";
    auto write_text = [data_file] { std::ofstream(data_file) << R"({"key": "value"})"; };
    co_await run_blocking(write_text);
    std::printf("Working in: %s\n", tmpdir.c_str());
    std::printf("File exists: %s\n", python_bool(co_await path_exists(data_file)));
  });
  // The directory is cleaned up here.
  std::printf("Directory exists after exit: %s\n", python_bool(co_await path_exists(tmpdir)));
}

int main() { return lesson::run(amain()); }
