//===--- Reports.h - clang-style text, JSON and SARIF 2.1.0 -----*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_LINT_REPORTS_H
#define COROSCOPE_CHECKS_LINT_REPORTS_H

#include "Findings.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::coroscope::lint {

/// Everything a report says besides the findings and errors.
struct RunFacts {
  std::string Root;               ///< Project root, absolute.
  std::vector<std::string> Rules; ///< Every coroscope check, sorted.
  unsigned FilesSelected = 0;
  unsigned FilesLinted = 0;
  std::optional<std::string> Shard; ///< "i/n"
  std::optional<std::string> BaselinePath;
  unsigned BaselineKnown = 0;
  unsigned BaselineGone = 0;
};

struct Results {
  llvm::ArrayRef<Finding> Findings; ///< Sorted; new ones only with a baseline.
  llvm::ArrayRef<ToolError> Errors;
};

/// As clang prints diagnostics: `file:line:col: warning: message [check]`,
/// the source line, a caret under the range and the fix-it below. Paths are
/// relative to \p Directory when inside it.
void writeText(llvm::raw_ostream &Out, const Results &R,
               llvm::StringRef Directory);

void writeJSON(llvm::raw_ostream &Out, const Results &R, const RunFacts &Run);

/// SARIF 2.1.0 as GitHub code scanning reads it: rules with the checks'
/// documentation as help, results with levels, locations, notes as related
/// locations, fixes and partial fingerprints; errors as tool execution
/// notifications.
void writeSARIF(llvm::raw_ostream &Out, const Results &R, const RunFacts &Run);

} // namespace clang::tidy::coroscope::lint

#endif
