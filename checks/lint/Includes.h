//===--- Includes.h - which translation units include a header --*- C++ -*-===//
//
// --changed-since must lint the translation units that include a changed
// header, not only the changed sources: a header's mistakes are found
// through the files that include it. The compilation database does not say
// which those are; clang's preprocessor does, run over each unit with its
// own compile command (no parsing, so a fraction of a lint's cost).
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_LINT_INCLUDES_H
#define COROSCOPE_CHECKS_LINT_INCLUDES_H

#include "Worker.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include <string>
#include <vector>

namespace clang::tidy::coroscope::lint {

/// Whether a changed file that the database does not compile may be a
/// header: a C or C++ header or fragment extension, or none (`<vector>`).
bool mayBeIncluded(llvm::StringRef File);

/// The units of \p Units (absolute paths, each with its compile commands)
/// that include one of \p Headers (absolute paths), directly or not, as
/// clang's preprocessor finds them with the commands adjusted as a worker
/// adjusts them. A unit that cannot be preprocessed counts as including
/// them: it is linted, and its error reported, rather than skipped. \p Jobs
/// units are read in parallel (0: one per core).
std::vector<std::string>
includersOf(llvm::ArrayRef<std::string> Headers,
            const llvm::StringMap<std::vector<tooling::CompileCommand>> &Units,
            const WorkerSetup &Setup, unsigned Jobs);

} // namespace clang::tidy::coroscope::lint

#endif
