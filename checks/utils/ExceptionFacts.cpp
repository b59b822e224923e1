//===--- ExceptionFacts.cpp -----------------------------------------------===//

#include "utils/ExceptionFacts.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::coroscope {
namespace {

bool typeIsNonThrowing(QualType CalleeType) {
  if (CalleeType.isNull())
    return false;
  if (const auto *Pointer = CalleeType->getAs<PointerType>())
    CalleeType = Pointer->getPointeeType();
  else if (const auto *MemberPointer = CalleeType->getAs<MemberPointerType>())
    CalleeType = MemberPointer->getPointeeType();
  const auto *Prototype = CalleeType->getAs<FunctionProtoType>();
  return Prototype && Prototype->isNothrow();
}

bool callMayThrow(const CallExpr &Call) {
  if (const FunctionDecl *Callee = Call.getDirectCallee())
    return !isNonThrowing(*Callee);
  if (const Expr *Callee = Call.getCallee())
    return !typeIsNonThrowing(Callee->IgnoreParenImpCasts()->getType());
  return true;
}

/// Whether \p S, without looking at its children, may throw.
bool nodeMayThrow(const Stmt &S) {
  if (isa<CXXThrowExpr>(S))
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(&S))
    return callMayThrow(*Call);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S))
    return !isNonThrowing(*Construct->getConstructor());
  if (const auto *New = dyn_cast<CXXNewExpr>(&S)) {
    const FunctionDecl *Allocator = New->getOperatorNew();
    return !Allocator || !isNonThrowing(*Allocator);
  }
  if (const auto *Cast = dyn_cast<CXXDynamicCastExpr>(&S))
    return Cast->getType()->isReferenceType();
  if (const auto *TypeId = dyn_cast<CXXTypeidExpr>(&S))
    return TypeId->isPotentiallyEvaluated();
  // A dependent expression can be anything until instantiated.
  if (const auto *E = dyn_cast<Expr>(&S))
    return E->isInstantiationDependent() && !isa<DeclRefExpr>(E);
  return false;
}

} // namespace

bool isNonThrowing(const FunctionDecl &Function) {
  if (Function.getBuiltinID() != 0)
    return true;
  if (const auto *Prototype = Function.getType()->getAs<FunctionProtoType>();
      Prototype && isa<CXXDestructorDecl>(Function)) {
    ExceptionSpecificationType Spec = Prototype->getExceptionSpecType();
    return Spec != EST_NoexceptFalse && Spec != EST_Dynamic;
  }
  return typeIsNonThrowing(Function.getType());
}

bool mayThrow(const Stmt &S) {
  if (nodeMayThrow(S))
    return true;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(&S)) {
    for (const Expr *Capture : Lambda->capture_inits())
      if (Capture && mayThrow(*Capture))
        return true;
    return false;
  }
  // Children of a co_await include the awaiter's await_ready, await_suspend
  // and await_resume calls, so their exception specs are looked at too.
  for (const Stmt *Child : S.children())
    if (Child && mayThrow(*Child))
      return true;
  return false;
}

} // namespace clang::tidy::coroscope
