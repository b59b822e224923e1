//===--- Worker.h - one translation unit in its own process -----*- C++ -*-===//
//
// coroscope-lint runs every translation unit in a child process: itself,
// started with the hidden --worker-* options. A crash (in a check, in clang,
// on a stack overflow) or a hang then costs one file, which is reported as an
// error, and every other file is still linted. In-process threads could not
// promise that: a crash takes the whole run down, and after a timeout there
// is no way to stop a thread that parses. A process per file costs a few
// milliseconds against the seconds a C++ file takes to parse.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_LINT_WORKER_H
#define COROSCOPE_CHECKS_LINT_WORKER_H

#include "CheckConfig.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::coroscope::lint {

/// What a worker needs besides the file: the same for every file of a run.
struct WorkerSetup {
  std::string Self; ///< This executable.
  /// In the child: the compile_commands.json to read (its own, written by
  /// the parent, so that no child parses a large database again).
  std::string CompileCommands;
  CheckConfig Checks;
  std::vector<std::string> ExtraArgsBefore;
  std::vector<std::string> ExtraArgs;
  unsigned TimeoutSeconds = 0; ///< 0: no limit.
  unsigned MemoryLimitMiB = 0; ///< 0: no limit.
};

/// What every compile command of a run goes through before clang sees it:
/// --extra-arg-before and --extra-arg, clang's resource directory, and GCC's
/// warning flags that clang does not know left unreported.
tooling::ArgumentsAdjuster compileCommandAdjuster(const WorkerSetup &Setup);

/// In the child: runs clang-tidy on \p File and writes its diagnostics to
/// \p Output (clang-tidy's export-fixes YAML). Returns the exit status.
int runWorker(const WorkerSetup &Setup, llvm::StringRef File,
              llvm::StringRef Output);

/// What came back from a child: its diagnostics, or why there are none.
struct WorkerOutcome {
  std::optional<tooling::TranslationUnitDiagnostics> Diagnostics;
  std::string Failure;
};

/// In the parent: lints \p File, compiled by \p Commands, in a child
/// process and waits for it.
WorkerOutcome lintInWorker(const WorkerSetup &Setup, llvm::StringRef File,
                           llvm::ArrayRef<tooling::CompileCommand> Commands);

} // namespace clang::tidy::coroscope::lint

#endif
