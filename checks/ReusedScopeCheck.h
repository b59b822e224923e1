//===--- ReusedScopeCheck.h - coroscope -------------------------*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_REUSEDSCOPECHECK_H
#define COROSCOPE_CHECKS_REUSEDSCOPECHECK_H

#include "utils/ControlFlow.h"
#include "utils/CoroutineFacts.h"
#include "utils/FunctionBody.h"
#include "utils/LibraryAwareCheck.h"
#include "utils/NameList.h"
#include "utils/ReportOnce.h"

namespace clang::tidy::coroscope {

/// Finds single-use objects — lazy tasks, async contexts, closed exit stacks
/// — that are awaited or entered again after they were consumed, on some path
/// through the function.
///
/// For the user-facing documentation see:
/// docs/checks/coroscope-reused-scope.md
class ReusedScopeCheck : public LibraryAwareCheck {
public:
  ReusedScopeCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;

  /// Why a type may be used only once.
  enum class SingleUse {
    No,
    LazyTask,       ///< a lazy, move-only task: its body runs once
    ConsumingAwait, ///< an rvalue `operator co_await` consumes it
    Listed,         ///< in SingleUseTypes
    ResultMovedOut, ///< awaiting it again yields a moved-from result
  };

private:
  SingleUse singleUse(QualType Type);
  void analyze(const FunctionDecl &Function, ASTContext &Context);

  NameList SingleUseTypes;
  NameList ConsumingMethods;
  NameList EnteringFunctions;
  NameList NoExtraAwaitables;
  CoroutineFacts Facts;
  std::shared_ptr<EnclosingFunctions> Functions;
  ReportOnce Reported;
};

} // namespace clang::tidy::coroscope

#endif
