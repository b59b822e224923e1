//===--- parent_map_probe.cpp - what one getParents() call costs ---------===//
//
// A clang-tidy plugin with one check, bench-parent-map, that asks the
// ASTContext for the parents of one node and does nothing else. The first
// such request builds the parent map of the whole translation unit (every
// declaration, statement, type location and template instantiation, system
// headers included); every check that uses ASTContext::getParents or a
// matcher built on it (hasParent, hasAncestor, forFunction, forCallable)
// pays for it once per translation unit, whoever asks first.
//
// bench/checker/run.py builds it (no CMake target: it is an instrument, not
// part of the project) and times it like a check: its ratio to the floor is
// the price of that map.
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

namespace {

using namespace clang;
using namespace clang::ast_matchers;

class ParentMapCheck : public tidy::ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;
  void registerMatchers(MatchFinder *Finder) override {
    Finder->addMatcher(translationUnitDecl().bind("tu"), this);
  }
  void check(const MatchFinder::MatchResult &Result) override {
    const auto *Unit = Result.Nodes.getNodeAs<TranslationUnitDecl>("tu");
    (void)Result.Context->getParents(*Unit);
  }
};

class ProbeModule : public tidy::ClangTidyModule {
public:
  void addCheckFactories(tidy::ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<ParentMapCheck>("bench-parent-map");
  }
};

} // namespace

static tidy::ClangTidyModuleRegistry::Add<ProbeModule>
    Registration("bench-probe-module", "what one getParents() call costs");
