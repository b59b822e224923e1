//===--- UnguardedAcquireCheck.h - coroscope --------------------*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_UNGUARDEDACQUIRECHECK_H
#define COROSCOPE_CHECKS_UNGUARDEDACQUIRECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/ControlFlow.h"
#include "utils/ExceptionFacts.h"
#include "utils/FunctionBody.h"
#include "utils/NameList.h"
#include "utils/ReportOnce.h"
#include "utils/ResourceFacts.h"
#include "llvm/ADT/DenseMap.h"
#include <map>
#include <memory>
#include <vector>

namespace clang::tidy::coroscope {

/// Finds a resource acquired and released by an acquire/release pair in one
/// function with a suspension point or a call that may throw in between and
/// no RAII guard or handler that releases it, so it leaks on error or
/// cancellation.
///
/// For the user-facing documentation see:
/// docs/checks/coroscope-unguarded-acquire.md
class UnguardedAcquireCheck : public ClangTidyCheck {
public:
  UnguardedAcquireCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;

private:
  void checkFunction(const FunctionDecl &Function, ASTContext &Context);

  struct Pair {
    NameList Acquire;
    NameList Release;
  };

  /// What the acquires of one pair in one function share: built once, so
  /// that each acquire costs a lookup, not a walk of the function.
  struct FunctionReleases {
    FunctionReleases(const Stmt &Body, const NameList &Release)
        : Calls(Body, Release) {}

    CallsByObject Calls;
    /// By the objects that denote a resource.
    std::map<llvm::SmallVector<AccessPath, 3>, GuardSearch> Guards;
  };

  void diagnose(const CallExpr &Acquire, const Pair &Names,
                const FunctionDecl &Function, ASTContext &Context);

  const std::string AcquireReleasePairs;
  /// Pointers, as the name lists cache answers and must not move.
  std::vector<std::unique_ptr<Pair>> Pairs;
  std::shared_ptr<EnclosingFunctions> Functions;
  /// By function and release functions.
  llvm::DenseMap<std::pair<const FunctionDecl *, const NameList *>,
                 std::unique_ptr<FunctionReleases>>
      Released;
  ThrowAnalysis Throwing;
  ReportOnce Reported;
};

} // namespace clang::tidy::coroscope

#endif
