//===--- Subprocess.cpp - run a program, optionally with a deadline -------===//

#include "Subprocess.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Signals.h"
#include <chrono>
#include <csignal>
#include <optional>
#include <thread>
#include <vector>

namespace clang::tidy::coroscope::lint {

TemporaryFile::TemporaryFile(llvm::StringRef Suffix) {
  llvm::SmallString<128> Created;
  Error = llvm::sys::fs::createTemporaryFile("coroscope-lint", Suffix, Created);
  if (Error)
    return;
  Path = std::string(Created);
  llvm::sys::RemoveFileOnSignal(Path);
}

TemporaryFile::~TemporaryFile() {
  if (Path.empty())
    return;
  llvm::sys::fs::remove(Path);
  llvm::sys::DontRemoveFileOnSignal(Path);
}

ProcessResult runProcess(llvm::ArrayRef<std::string> Args,
                         llvm::StringRef StdoutPath, llvm::StringRef StderrPath,
                         unsigned TimeoutSeconds, unsigned MemoryLimitMiB) {
  ProcessResult Result;
  std::vector<llvm::StringRef> ArgRefs(Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), StdoutPath,
                                                StderrPath};
  bool CouldNotStart = false;
  llvm::sys::ProcessInfo Child =
      llvm::sys::ExecuteNoWait(Args.front(), ArgRefs, std::nullopt, Redirects,
                               MemoryLimitMiB, &Result.Message, &CouldNotStart);
  if (CouldNotStart || Child.Pid == llvm::sys::ProcessInfo::InvalidPid)
    return Result;
  Result.Started = true;

  llvm::sys::ProcessInfo Exit;
  if (TimeoutSeconds == 0) {
    Exit = llvm::sys::Wait(Child, std::nullopt, &Result.Message);
  } else {
    auto Deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(TimeoutSeconds);
    auto Pause = std::chrono::milliseconds(5);
    for (;;) {
      Exit = llvm::sys::Wait(Child, /*SecondsToWait=*/0, &Result.Message);
      if (Exit.Pid != 0)
        break;
      if (std::chrono::steady_clock::now() >= Deadline) {
        ::kill(Child.Pid, SIGKILL);
        llvm::sys::Wait(Child, std::nullopt);
        Result.TimedOut = true;
        return Result;
      }
      std::this_thread::sleep_for(Pause);
      Pause = std::min(Pause * 2, std::chrono::milliseconds(100));
    }
  }
  // llvm::sys::Wait reports death by a signal as -2 and names the signal.
  Result.Crashed = Exit.ReturnCode == -2;
  Result.Status = Exit.ReturnCode;
  return Result;
}

} // namespace clang::tidy::coroscope::lint
