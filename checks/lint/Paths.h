//===--- Paths.h - how coroscope-lint names files ---------------*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_LINT_PATHS_H
#define COROSCOPE_CHECKS_LINT_PATHS_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace clang::tidy::coroscope::lint {

/// \p Path made absolute against \p Base (the current directory when empty),
/// with `.` and `..` removed, so that the same file is spelled the same way
/// by the compilation database, the command line, git and clang.
std::string absolutePath(llvm::StringRef Path, llvm::StringRef Base = "");

/// How reports and the baseline name \p Path: relative to \p Root with `/`
/// separators when it lies inside Root (so results compare across checkouts),
/// otherwise absolute.
std::string projectPath(llvm::StringRef Path, llvm::StringRef Root);

} // namespace clang::tidy::coroscope::lint

#endif
