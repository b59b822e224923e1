//===--- ReportOnce.cpp ---------------------------------------------------===//

#include "utils/ReportOnce.h"

namespace clang::tidy::coroscope {

std::optional<SourceLocation> editableLocation(SourceRange Range,
                                               const SourceManager &SM) {
  SourceLocation Begin = Range.getBegin(), End = Range.getEnd();
  if (Begin.isInvalid() || End.isInvalid())
    return std::nullopt;
  if (Begin.isFileID() && End.isFileID())
    return Begin;
  if (SM.isMacroArgExpansion(Begin) && SM.isMacroArgExpansion(End))
    return SM.getFileLoc(Begin);
  auto FromSystemMacroBody = [&](SourceLocation Loc) {
    return Loc.isMacroID() && !SM.isMacroArgExpansion(Loc) &&
           SM.isInSystemHeader(SM.getSpellingLoc(Loc));
  };
  if (FromSystemMacroBody(Begin) || FromSystemMacroBody(End))
    return std::nullopt;
  return Begin;
}

} // namespace clang::tidy::coroscope
