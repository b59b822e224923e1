//===--- Baseline.h - findings accepted earlier -----------------*- C++ -*-===//
//
// A baseline lets a code base adopt the gate without fixing every old
// finding first: findings recorded in it are not reported again, new ones
// are. What identifies a finding must survive edits elsewhere in the file, so
// line and column are not part of it. The identity is
//   (check, file relative to the project root, message,
//    the text of the finding's line with all whitespace removed)
// and it is matched as a multiset: two identical findings in a file need two
// baseline entries. A finding survives lines inserted or removed above it
// and reindentation; it becomes new when its own line or message changes,
// or when the file is renamed.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_LINT_BASELINE_H
#define COROSCOPE_CHECKS_LINT_BASELINE_H

#include "Findings.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace clang::tidy::coroscope::lint {

struct BaselineEntry {
  std::string Check;
  std::string File; ///< Relative to the project root, `/`-separated.
  std::string Message;
  std::string Source; ///< The finding's line, trimmed (for people to read).
};

BaselineEntry baselineEntry(const Finding &F, llvm::StringRef Root);

/// Sets every finding's Fingerprint: a hash of its identity and of how many
/// identical findings precede it (SARIF's partialFingerprints, JSON output).
/// \p Findings must be sorted.
void assignFingerprints(std::vector<Finding> &Findings, llvm::StringRef Root);

llvm::Expected<std::vector<BaselineEntry>> readBaseline(llvm::StringRef Path);
llvm::Error writeBaseline(llvm::StringRef Path,
                          std::vector<BaselineEntry> Entries);

struct BaselineMatch {
  std::vector<Finding> New;
  std::vector<Finding> Known; ///< Findings the baseline holds.
  unsigned Gone = 0;  ///< Entries for covered files no finding matched.
};

/// \p Covered tells, by project path, the files the run linted: only their
/// unmatched entries count as gone.
BaselineMatch
matchBaseline(std::vector<Finding> Findings,
              llvm::ArrayRef<BaselineEntry> Baseline, llvm::StringRef Root,
              llvm::function_ref<bool(llvm::StringRef File)> Covered);

/// The baseline after a run: the entries for files the run covered (given
/// as project paths) or found something in are replaced by its findings, the
/// others are kept, so that a run over --files, --changed-since or one
/// --shard updates its part only.
std::vector<BaselineEntry>
updatedBaseline(llvm::ArrayRef<BaselineEntry> Old,
                llvm::ArrayRef<Finding> Findings, llvm::StringRef Root,
                llvm::function_ref<bool(llvm::StringRef File)> Covered);

} // namespace clang::tidy::coroscope::lint

#endif
