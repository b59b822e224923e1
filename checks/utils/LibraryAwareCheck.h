//===--- LibraryAwareCheck.h - a check that knows the libraries -*- C++ -*-===//
//
// The base of every coroscope check: it reads the LibraryProfiles option,
// which names the library profiles that apply on top of the check's own
// option lists (LibraryProfiles.h), and reports names it does not know.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_LIBRARYAWARECHECK_H
#define COROSCOPE_CHECKS_UTILS_LIBRARYAWARECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/LibraryProfiles.h"

namespace clang::tidy::coroscope {

class LibraryAwareCheck : public ClangTidyCheck {
public:
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

protected:
  LibraryAwareCheck(StringRef Name, ClangTidyContext *Context);

  /// The remedies for code in \p Function: those of its library
  /// (LibraryProfiles::remediesFor), or neutral ones.
  const Remedies &remediesFor(const FunctionDecl &Function);

  /// A note whose whole text is \p Text, a remedy: written into the
  /// diagnostic's format, since an argument's text is escaped character by
  /// character each time a diagnostic is formatted.
  DiagnosticBuilder note(SourceLocation Loc, llvm::StringRef Text);

  LibraryProfiles Profiles;
};

} // namespace clang::tidy::coroscope

#endif
