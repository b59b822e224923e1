//===--- LibraryAwareCheck.cpp --------------------------------------------===//

#include "utils/LibraryAwareCheck.h"

namespace clang::tidy::coroscope {

LibraryAwareCheck::LibraryAwareCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      Profiles(
          Options.getLocalOrGlobal("LibraryProfiles", defaultLibraryProfiles())) {
  for (const std::string &Unknown : Profiles.unknownNames())
    configurationDiag("unknown library profile '%0' in option "
                      "'LibraryProfiles' of '%1'; the profiles are '%2'")
        << Unknown << Name << defaultLibraryProfiles();
}

DiagnosticBuilder LibraryAwareCheck::note(SourceLocation Loc,
                                          llvm::StringRef Text) {
  if (!Text.contains('%'))
    return diag(Loc, Text, DiagnosticIDs::Note);
  std::string Format;
  for (char C : Text) {
    if (C == '%')
      Format += '%';
    Format += C;
  }
  return diag(Loc, Format, DiagnosticIDs::Note);
}

void LibraryAwareCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "LibraryProfiles", Profiles.source());
}

const Remedies &LibraryAwareCheck::remediesFor(const FunctionDecl &Function) {
  const LibraryProfile *Library = Profiles.remediesFor(Function);
  return Library ? Library->Remedy : neutralRemedies();
}

} // namespace clang::tidy::coroscope
