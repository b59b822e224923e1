//===--- ScopeGeneratorCheck.h - coroscope ----------------------*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_SCOPEGENERATORCHECK_H
#define COROSCOPE_CHECKS_SCOPEGENERATORCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/FunctionBody.h"
#include "utils/NameList.h"
#include "utils/ReportOnce.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::coroscope {

/// Finds scope generators (coroutines like `coroscope::async_context` that
/// must `co_yield` their resource exactly once) that can finish without
/// yielding, can yield twice, or skip their cleanup when the body fails.
///
/// For the user-facing documentation see:
/// docs/checks/coroscope-scope-generator.md
class ScopeGeneratorCheck : public ClangTidyCheck {
public:
  ScopeGeneratorCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;

private:
  struct Generator;

  void checkFunction(const FunctionDecl &Function, ASTContext &Context);

  bool isScopeGenerator(const FunctionDecl &Function);
  void checkYieldCount(const Generator &G);
  void checkSkippedCleanup(const Generator &G, unsigned YieldIndex);
  bool isSuccessOnly(const Stmt &S) const;

  NameList ScopeGeneratorTypes;
  NameList SuccessOnlyFunctions;
  std::shared_ptr<EnclosingFunctions> Functions;
  llvm::DenseMap<const CXXRecordDecl *, bool> IsGeneratorType;
  ReportOnce Reported;
};

} // namespace clang::tidy::coroscope

#endif
