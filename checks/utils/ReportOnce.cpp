//===--- ReportOnce.cpp ---------------------------------------------------===//

#include "utils/ReportOnce.h"

namespace clang::tidy::coroscope {

std::optional<SourceLocation> editableLocation(SourceLocation Loc,
                                               const SourceManager &SM) {
  if (Loc.isInvalid())
    return std::nullopt;
  if (Loc.isFileID())
    return Loc;
  if (SM.isMacroArgExpansion(Loc))
    return SM.getFileLoc(Loc);
  if (SM.isInSystemHeader(SM.getSpellingLoc(Loc)))
    return std::nullopt;
  return Loc;
}

} // namespace clang::tidy::coroscope
