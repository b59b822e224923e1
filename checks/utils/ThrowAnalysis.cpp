//===--- ThrowAnalysis.cpp ------------------------------------------------===//

#include "utils/ThrowAnalysis.h"
#include "utils/CoroutineFacts.h"
#include "utils/ExceptionFacts.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::coroscope {

bool ThrowAnalysis::elementMayThrow(const Stmt &Element) {
  if (isa<CXXThrowExpr>(Element))
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(&Element)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    // A virtual call may reach an override whose body is not this one.
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
    bool Virtual = Method && Method->isVirtual() &&
                   !Method->hasAttr<FinalAttr>() &&
                   !Method->getParent()->hasAttr<FinalAttr>();
    if (!Callee || Virtual)
      return mayThrow(Element);
    return calleeMayThrow(*Callee);
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&Element))
    return calleeMayThrow(*Construct->getConstructor());
  if (isa<CXXNewExpr, CXXDynamicCastExpr, CXXTypeidExpr>(Element))
    return mayThrow(Element);
  return false;
}

bool ThrowAnalysis::calleeMayThrow(const FunctionDecl &Callee) {
  auto [Entry, Inserted] = Callees.try_emplace(&Callee);
  if (!Inserted)
    return Entry->second;
  bool MayThrow;
  if (isNonThrowing(Callee))
    MayThrow = false;
  // Calling a coroutine function creates its frame; what its body throws
  // comes out where it is awaited.
  else if (!Callee.hasBody() || isCoroutine(Callee))
    MayThrow = true;
  else
    MayThrow = Analyzer.analyze(&Callee).getBehaviour() !=
               utils::ExceptionAnalyzer::State::NotThrowing;
  Entry->second = MayThrow;
  return MayThrow;
}

} // namespace clang::tidy::coroscope
