//===--- UnawaitedAwaitableCheck.h - coroscope ------------------*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_UNAWAITEDAWAITABLECHECK_H
#define COROSCOPE_CHECKS_UNAWAITEDAWAITABLECHECK_H

#include "utils/LibraryAwareCheck.h"
#include "utils/CoroutineFacts.h"
#include "utils/FunctionBody.h"
#include "utils/NameList.h"
#include "utils/ReportOnce.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>

namespace clang::tidy::coroscope {

/// Finds awaitables and tasks that are created and then discarded without
/// being awaited, so their work never runs or runs detached with its error
/// lost.
///
/// For the user-facing documentation see:
/// docs/checks/coroscope-unawaited-awaitable.md
class UnawaitedAwaitableCheck : public LibraryAwareCheck {
public:
  UnawaitedAwaitableCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void checkFunction(const FunctionDecl &Function, ASTContext &Context);
  /// Reports what the initializers of \p Declarations (and of those nested
  /// in them) that belong to no function discard: of variables outside
  /// functions, of data members, and default arguments.
  void checkInitializers(DeclContext::decl_range Declarations,
                         ASTContext &Context);
  void checkInitializers(const Decl *D, ASTContext &Context);
  /// \p Function is null for an initializer outside any function.
  void diagnoseDiscarded(const Expr *Discarded, const FunctionDecl *Function,
                         ASTContext &Context);
  void diagnoseCall(const Expr &Call, const FunctionDecl *Function,
                    ASTContext &Context, bool OfferFix);
  void diagnoseUnusedLocal(const VarDecl &Local, const FunctionDecl &Function,
                           ASTContext &Context);
  bool isIgnored(QualType Type) const;
  /// The awaitable locals of \p Function, the function being checked, used
  /// other than by a const member call: awaited, returned, moved, passed on
  /// or changed.
  const llvm::DenseSet<const VarDecl *> &handedOn(const FunctionDecl &Function);

  const bool AllowVoidCast;
  NameList AwaitableTypes;
  NameList IgnoredTypes;
  CoroutineFacts Facts;
  std::shared_ptr<EnclosingFunctions> Functions;
  ReportOnce Reported;
  /// handedOn's answer for the function being checked, once asked.
  std::optional<llvm::DenseSet<const VarDecl *>> HandedOn;
};

} // namespace clang::tidy::coroscope

#endif
