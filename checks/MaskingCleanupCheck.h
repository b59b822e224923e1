//===--- MaskingCleanupCheck.h - coroscope ----------------------*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_MASKINGCLEANUPCHECK_H
#define COROSCOPE_CHECKS_MASKINGCLEANUPCHECK_H

#include "utils/ExceptionFacts.h"
#include "utils/ExceptionPaths.h"
#include "utils/LibraryAwareCheck.h"
#include "utils/NameList.h"
#include "utils/ReportOnce.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>

namespace clang::tidy::coroscope {

/// Finds operations that may throw while an exception waits to be rethrown,
/// so a failing cleanup replaces the original exception, which is lost.
///
/// For the user-facing documentation see:
/// docs/checks/coroscope-masking-cleanup.md
class MaskingCleanupCheck : public LibraryAwareCheck {
public:
  MaskingCleanupCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void checkHandler(const CXXCatchStmt &Handler, const FunctionDecl &Function,
                    ASTContext &Context);
  void checkDestructor(const CXXDestructorDecl &Destructor,
                       ASTContext &Context);
  void diagnosePending(const Stmt &Operation,
                       const ExceptionPaths::Pending &Pending,
                       const FunctionDecl &Function, ASTContext &Context);
  bool isIgnored(const FunctionDecl &Function);
  bool assumedNonThrowing(const FunctionDecl &Function);

  NameList IgnoredFunctions;
  llvm::DenseMap<const FunctionDecl *, bool> IgnoredCache;
  ThrowAnalysis Throwing;
  std::shared_ptr<EnclosingFunctions> Functions;
  ReportOnce Reported;
};

} // namespace clang::tidy::coroscope

#endif
