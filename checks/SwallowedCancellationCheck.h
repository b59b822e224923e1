//===--- SwallowedCancellationCheck.h - coroscope ---------------*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_SWALLOWEDCANCELLATIONCHECK_H
#define COROSCOPE_CHECKS_SWALLOWEDCANCELLATIONCHECK_H

#include "utils/CancellationFacts.h"
#include "utils/ExceptionPaths.h"
#include "utils/LibraryAwareCheck.h"
#include "utils/ReportOnce.h"
#include <memory>

namespace clang::tidy::coroscope {

/// Finds handlers in coroutines that catch the cancellation exception and
/// let the coroutine go on without rethrowing it, so a cancelled coroutine
/// keeps running and its caller never sees the cancellation.
///
/// For the user-facing documentation see:
/// docs/checks/coroscope-swallowed-cancellation.md
class SwallowedCancellationCheck : public LibraryAwareCheck {
public:
  SwallowedCancellationCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void checkHandler(const HandlerInFunction &Instance, ASTContext &Context);
  void diagnose(const HandlerInFunction &Instance,
                const ExceptionPaths::Drop &Drop,
                llvm::ArrayRef<CancellationClass> Caught, bool Coroutine,
                ASTContext &Context);

  CancellationExceptions Cancellation;
  const bool CheckNonCoroutines;
  std::shared_ptr<EnclosingFunctions> Functions;
  ReportOnce Reported;
};

} // namespace clang::tidy::coroscope

#endif
