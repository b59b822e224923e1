//===--- Progress.h - what a running lint tells its user --------*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_LINT_PROGRESS_H
#define COROSCOPE_CHECKS_LINT_PROGRESS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <mutex>

namespace clang::tidy::coroscope::lint {

/// Progress on stderr, safe to call from the worker threads. On a terminal
/// one status line is redrawn in place (files done, findings, errors, time
/// left); elsewhere (CI logs) each finished file gets a plain line. Errors
/// are always printed, above the status line, as soon as they happen.
class Progress {
public:
  enum class Style { Interactive, Lines, Quiet };

  Progress(llvm::raw_ostream &Out, Style S, unsigned Total);

  void finished(llvm::StringRef File, unsigned Findings, unsigned Errors,
                std::chrono::steady_clock::duration Took);
  void error(llvm::StringRef Text);
  /// Clears the status line.
  void done();

private:
  void drawStatus();
  void clearStatus();

  std::mutex Lock;
  llvm::raw_ostream &Out;
  const Style TheStyle;
  const unsigned Total;
  unsigned Done = 0;
  unsigned Findings = 0;
  unsigned Errors = 0;
  const std::chrono::steady_clock::time_point Start;
};

/// "850ms", "42s", "3m07s", "1h02m".
std::string formatDuration(std::chrono::steady_clock::duration D);

} // namespace clang::tidy::coroscope::lint

#endif
