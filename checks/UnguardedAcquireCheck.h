//===--- UnguardedAcquireCheck.h - coroscope --------------------*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_UNGUARDEDACQUIRECHECK_H
#define COROSCOPE_CHECKS_UNGUARDEDACQUIRECHECK_H

#include "utils/ControlFlow.h"
#include "utils/ExceptionFacts.h"
#include "utils/FunctionBody.h"
#include "utils/LibraryAwareCheck.h"
#include "utils/NameList.h"
#include "utils/ReportOnce.h"
#include "utils/ResourceFacts.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
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
class UnguardedAcquireCheck : public LibraryAwareCheck {
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
    /// A pair of plain names (`lock:unlock`) names a member pair: it applies
    /// to a member call on a class that has the release member too.
    bool MemberPair = false;
    /// The library pair it comes from, for its remedy; null for an entry of
    /// the option.
    const AsyncLock *Lock = nullptr;
    /// The scope whose spawn and join the pair is; null for a lock.
    const JoinScope *Scope = nullptr;
  };

  /// What the acquires of one pair in one function share: built once, so
  /// that each acquire costs a lookup, not a walk of the function.
  struct FunctionReleases {
    FunctionReleases(const Stmt &Body, const NameList &Release,
                     const SourceManager &SM)
        : Calls(Body, Release, SM) {}

    CallsByObject Calls;
    /// By the objects that denote a resource.
    std::map<llvm::SmallVector<AccessPath, 3>, GuardSearch> Guards;
  };

  void diagnose(const CallExpr &Acquire, const Pair &Names,
                const FunctionDecl &Function, ASTContext &Context);
  /// The pair of the library lock or scope \p Fact, made on first use.
  template <typename Fact>
  const Pair &libraryPair(const Fact &Row, llvm::StringRef Qualifier);

  const std::string AcquireReleasePairs;
  const bool CheckNonCoroutines;
  /// Pointers, as the name lists cache answers and must not move.
  std::vector<std::unique_ptr<Pair>> Pairs;
  llvm::DenseMap<const void *, std::unique_ptr<Pair>> LibraryPairs;
  std::shared_ptr<EnclosingFunctions> Functions;
  /// By function and release functions.
  llvm::DenseMap<std::pair<const FunctionDecl *, const NameList *>,
                 std::unique_ptr<FunctionReleases>>
      Released;
  ThrowAnalysis Throwing;
  ReportOnce Reported;
  /// A scope is reported once, at the first spawn found to leave it
  /// unjoined.
  llvm::DenseSet<const VarDecl *> ReportedScopes;
};

} // namespace clang::tidy::coroscope

#endif
