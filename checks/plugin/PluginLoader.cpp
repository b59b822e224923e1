//===--- PluginLoader.cpp - version-checked entry for clang-tidy --load ---===//
//
// A plugin built for one LLVM major version cannot work in another: symbols
// differ, and the dynamic loader fails with an "undefined symbol" message
// that names no version. This loader depends on nothing from LLVM. When
// clang-tidy loads it, it asks the host for its clang version, refuses a
// mismatch in plain words, and only then loads the checks next to it.
//
//===----------------------------------------------------------------------===//

#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <string>

namespace {

[[noreturn]] void refuse(const std::string &Why) {
  std::fprintf(stderr, "error: coroscope-tidy: %s\n", Why.c_str());
  std::fflush(stderr);
  std::_Exit(1);
}

/// The host's `clang::getClangFullVersion()`, e.g. "Debian clang version
/// 19.1.7 (...)", or an empty string when the host is not clang-based.
std::string hostClangVersion() {
  using VersionFunction = std::string (*)();
  void *Symbol = dlsym(RTLD_DEFAULT, "_ZN5clang19getClangFullVersionB5cxx11Ev");
  if (!Symbol)
    return {};
  return reinterpret_cast<VersionFunction>(Symbol)();
}

int majorVersionOf(const std::string &FullVersion) {
  std::string::size_type At = FullVersion.find("version ");
  if (At == std::string::npos)
    return -1;
  return std::atoi(FullVersion.c_str() + At + 8);
}

std::string directoryOfThisLibrary() {
  Dl_info Info{};
  if (!dladdr(reinterpret_cast<void *>(&directoryOfThisLibrary), &Info) ||
      !Info.dli_fname)
    return ".";
  std::string Path = Info.dli_fname;
  std::string::size_type Slash = Path.rfind('/');
  return Slash == std::string::npos ? "." : Path.substr(0, Slash);
}

__attribute__((constructor)) void loadCoroscopeChecks() {
  std::string Host = hostClangVersion();
  if (Host.empty())
    refuse("not loaded by clang-tidy: the host process has no clang "
           "library; load it with `clang-tidy --load=<this file>`");
  int HostMajor = majorVersionOf(Host);
  if (HostMajor != COROSCOPE_LLVM_MAJOR)
    refuse("this plugin was built for LLVM " +
           std::to_string(COROSCOPE_LLVM_MAJOR) +
           " but was loaded into a clang-tidy of LLVM " +
           std::to_string(HostMajor) + " (" + Host +
           "); use the plugin built against LLVM " + std::to_string(HostMajor) +
           " (configure coroscope with -DCOROSCOPE_LLVM_ROOT=/usr/lib/llvm-" +
           std::to_string(HostMajor) + ")");
  std::string Checks = directoryOfThisLibrary() + "/" COROSCOPE_CHECKS_LIBRARY;
  if (!dlopen(Checks.c_str(), RTLD_NOW | RTLD_GLOBAL))
    refuse("cannot load the checks from " + Checks + ": " + dlerror());
}

} // namespace
