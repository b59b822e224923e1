//===--- ReportOnce.h - one diagnostic per written location -----*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_UTILS_REPORTONCE_H
#define COROSCOPE_CHECKS_UTILS_REPORTONCE_H

#include "clang/Basic/SourceLocation.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>

namespace clang::tidy::coroscope {

/// A template is matched once as written and once per instantiation; users
/// want one warning per place they can edit. This remembers where a check has
/// already reported.
class ReportOnce {
public:
  /// True the first time it is asked about this location.
  bool firstAt(SourceLocation Loc) { return Seen.insert(Loc).second; }

private:
  llvm::DenseSet<SourceLocation> Seen;
};

/// Where a diagnostic about code at \p Loc belongs: the location itself in a
/// file, the argument's spelling inside a macro argument, the invocation for a
/// macro body the user defined, and nowhere (std::nullopt) for a macro body
/// that comes from a system header, which the user cannot edit.
std::optional<SourceLocation> editableLocation(SourceLocation Loc,
                                               const SourceManager &SM);

} // namespace clang::tidy::coroscope

#endif
