//===--- Fixes.h - the checks' fix-its, applied or exported -----*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_LINT_FIXES_H
#define COROSCOPE_CHECKS_LINT_FIXES_H

#include "Findings.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace clang::tidy::coroscope::lint {

struct FixOutcome {
  unsigned Applied = 0; ///< Findings whose fix was applied.
  unsigned Files = 0;   ///< Files written.
  /// Findings whose fix overlaps one applied before it, left as they are.
  std::vector<const Finding *> Conflicting;
  std::vector<ToolError> Errors; ///< Files that could not be rewritten.
};

/// Applies the fix-its of \p Findings through clang's replacement machinery.
/// The findings of a header come from every unit that includes it, so every
/// file's replacements are gathered first (an edit repeated by another
/// finding counts once) and each file is then read once and written once,
/// through a temporary file renamed over it. A finding whose fix would
/// overlap an edit already taken is left out whole.
FixOutcome applyFixes(llvm::ArrayRef<Finding> Findings);

/// Writes \p Findings as clang-tidy's --export-fixes does: YAML of one
/// translation unit's diagnostics, each with its replacements, which
/// clang-apply-replacements reads.
llvm::Error exportFixes(llvm::StringRef Path, llvm::ArrayRef<Finding> Findings);

} // namespace clang::tidy::coroscope::lint

#endif
