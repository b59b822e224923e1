//===--- Subprocess.h - run a program, optionally with a deadline -*- C++
//-*-===//

#ifndef COROSCOPE_CHECKS_LINT_SUBPROCESS_H
#define COROSCOPE_CHECKS_LINT_SUBPROCESS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <system_error>

namespace clang::tidy::coroscope::lint {

/// A temporary file, removed when this goes away or the process is
/// interrupted. path() is empty when it could not be created (error()).
class TemporaryFile {
public:
  explicit TemporaryFile(llvm::StringRef Suffix);
  ~TemporaryFile();
  TemporaryFile(const TemporaryFile &) = delete;
  TemporaryFile &operator=(const TemporaryFile &) = delete;

  llvm::StringRef path() const { return Path; }
  std::string error() const { return Error.message(); }

private:
  std::string Path;
  std::error_code Error;
};

struct ProcessResult {
  bool Started = false;
  bool Crashed = false;  ///< Killed by a signal; Message names it.
  bool TimedOut = false; ///< Stopped at the deadline.
  int Status = 0;        ///< The exit status when neither of the above.
  std::string Message;
};

/// Runs \p Args (Args[0] is the program) with stdin from /dev/null and stdout
/// and stderr into the given files, its data segment and anonymous memory
/// limited to \p MemoryLimitMiB (an allocation beyond fails). Safe to call
/// from many threads at once: llvm::sys::ExecuteAndWait's own timeout uses
/// the process-wide alarm(), so a deadline is kept here by polling instead.
ProcessResult runProcess(llvm::ArrayRef<std::string> Args,
                         llvm::StringRef StdoutPath, llvm::StringRef StderrPath,
                         unsigned TimeoutSeconds = 0,
                         unsigned MemoryLimitMiB = 0);

} // namespace clang::tidy::coroscope::lint

#endif
