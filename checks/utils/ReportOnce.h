//===--- ReportOnce.h - one diagnostic per written location -----*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_UTILS_REPORTONCE_H
#define COROSCOPE_CHECKS_UTILS_REPORTONCE_H

#include "clang/Basic/SourceLocation.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>

namespace clang::tidy::coroscope {

/// Where a diagnostic about the code in \p Range belongs: its start in a file;
/// the spelling of the argument when all of it was written as a macro
/// argument; the macro's expansion when a macro the user defined produced it;
/// and nowhere (std::nullopt) when a system header's macro produced any of
/// it, since the user cannot edit that.
std::optional<SourceLocation> editableLocation(SourceRange Range,
                                               const SourceManager &SM);

/// A template is matched once as written and once per instantiation; users
/// want one warning per place they can edit. This remembers where a check has
/// already reported.
class ReportOnce {
public:
  /// Where to report about the code in \p Range (see editableLocation), the
  /// first time that place is asked about; std::nullopt when there is none,
  /// or the check has reported there already.
  std::optional<SourceLocation> firstEditable(SourceRange Range,
                                              const SourceManager &SM) {
    std::optional<SourceLocation> Loc = editableLocation(Range, SM);
    if (!Loc || !Seen.insert(*Loc).second)
      return std::nullopt;
    return Loc;
  }

private:
  llvm::DenseSet<SourceLocation> Seen;
};

} // namespace clang::tidy::coroscope

#endif
