//===--- Reports.h - text, JSON, SARIF, GitHub and GitLab reports -*- C++
//-*-===//

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
  /// SARIF's automationDetails.id without its trailing '/': GitHub code
  /// scanning keeps one analysis per category, and upload-sarif's
  /// `category` must be the same.
  std::optional<std::string> SarifCategory;
  std::optional<std::string> BaselinePath;
  unsigned BaselineKnown = 0;
  unsigned BaselineGone = 0;
};

struct Results {
  llvm::ArrayRef<Finding> Findings; ///< Sorted; new ones only with a baseline.
  llvm::ArrayRef<ToolError> Errors;
  /// Findings the baseline holds: SARIF keeps them, marked unchanged, so
  /// that code scanning does not close their alerts.
  llvm::ArrayRef<Finding> Baselined = {};
};

/// As clang prints diagnostics: `file:line:col: warning: message [check]`,
/// the source line, a caret under the range and the fix-it below. Paths are
/// relative to \p Directory when inside it.
void writeText(llvm::raw_ostream &Out, const Results &R,
               llvm::StringRef Directory);

void writeJSON(llvm::raw_ostream &Out, const Results &R, const RunFacts &Run);

/// SARIF 2.1.0 as GitHub code scanning reads it: rules with the checks'
/// documentation as help, results with levels, locations, notes as related
/// locations, fixes, partial fingerprints and their baseline state; errors
/// as tool execution notifications.
void writeSARIF(llvm::raw_ostream &Out, const Results &R, const RunFacts &Run);

/// GitHub Actions workflow commands, one annotation per finding and error
/// (`::warning file=...,line=...,col=...,title=...::message`), for
/// repositories without code scanning.
void writeGitHub(llvm::raw_ostream &Out, const Results &R, const RunFacts &Run);

/// GitLab's code quality report (a JSON array of issues), which merge
/// requests show.
void writeGitLab(llvm::raw_ostream &Out, const Results &R, const RunFacts &Run);

} // namespace clang::tidy::coroscope::lint

#endif
