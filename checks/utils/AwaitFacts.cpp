//===--- AwaitFacts.cpp ---------------------------------------------------===//

#include "utils/AwaitFacts.h"
#include "utils/CoroutineFacts.h"
#include "utils/FunctionFlow.h"

namespace clang::tidy::coroscope {
namespace {

/// The call of `operator co_await` in what the await made of its operand.
const CallExpr *coAwaitCall(const CoawaitExpr &Await) {
  const Expr *Common = Await.getCommonExpr();
  const auto *Call =
      Common ? dyn_cast<CallExpr>(Common->IgnoreImplicit()) : nullptr;
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Callee->getOverloadedOperator() == OO_Coawait ? Call
                                                                 : nullptr;
}

} // namespace

bool awaitConsumesOperand(const CoawaitExpr &Await) {
  const CallExpr *Call = coAwaitCall(Await);
  if (!Call)
    return false;
  const FunctionDecl *Operator = Call->getDirectCallee();
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Operator))
    return Method->getRefQualifier() == RQ_RValue;
  return Operator->getNumParams() == 1 &&
         Operator->getParamDecl(0)->getType()->isRValueReferenceType();
}

bool readyOnceDone(const CoawaitExpr &Await) {
  const Expr *Ready = Await.getReadyExpr();
  const auto *Call =
      Ready ? dyn_cast<CXXMemberCallExpr>(Ready->IgnoreImplicit()) : nullptr;
  const FunctionDecl *AwaitReady =
      Call && Call->getMethodDecl()
          ? definitionOrPattern(*Call->getMethodDecl())
          : nullptr;
  if (!AwaitReady)
    return false;
  bool AsksDone = false;
  forEachOwnStatement(*AwaitReady->getBody(), [&](const Stmt &S) {
    if (const auto *Asked = dyn_cast<CXXMemberCallExpr>(&S))
      if (const CXXMethodDecl *Method = Asked->getMethodDecl())
        AsksDone |=
            Method->getDeclName().isIdentifier() && Method->getName() == "done";
  });
  return AsksDone;
}

bool isCopyable(const CXXRecordDecl &Record) {
  if (!Record.hasDefinition())
    return false;
  const CXXRecordDecl &Definition = *Record.getDefinition();
  if (Definition.needsImplicitCopyConstructor())
    return !Definition.defaultedCopyConstructorIsDeleted();
  for (const CXXConstructorDecl *Constructor : Definition.ctors())
    if (Constructor->isCopyConstructor() && !Constructor->isDeleted())
      return true;
  return false;
}

} // namespace clang::tidy::coroscope
