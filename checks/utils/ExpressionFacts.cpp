//===--- ExpressionFacts.cpp ----------------------------------------------===//

#include "utils/ExpressionFacts.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::coroscope {

bool isStdCall(const Stmt &S, llvm::StringRef Name) {
  const auto *Call = dyn_cast<CallExpr>(&S);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Callee->getIdentifier() && Callee->getName() == Name &&
         Callee->isInStdNamespace();
}

bool isMoveOrForward(const CallExpr &Call) {
  return Call.getNumArgs() == 1 &&
         (isStdCall(Call, "move") || isStdCall(Call, "forward"));
}

const Expr *skipImplicitWrappers(const Expr *E) {
  const Expr *Previous = nullptr;
  while (E && E != Previous) {
    Previous = E;
    E = E->IgnoreImplicit()->IgnoreParens();
  }
  return E;
}

const Expr *stripCopies(const Expr *E) {
  while (E) {
    E = skipImplicitWrappers(E);
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() == 1 &&
        Construct->getConstructor()->isCopyOrMoveConstructor()) {
      E = Construct->getArg(0);
      continue;
    }
    if (isStdCall(*E, "move") && cast<CallExpr>(E)->getNumArgs() == 1) {
      E = cast<CallExpr>(E)->getArg(0);
      continue;
    }
    return E;
  }
  return nullptr;
}

const VarDecl *copiedVariable(const Expr *E) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(stripCopies(E));
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

const Expr *ignoringMoves(const Expr *E) {
  const Expr *Previous = nullptr;
  while (E && E != Previous) {
    Previous = E;
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Call = dyn_cast<CallExpr>(E);
        Call && isMoveOrForward(*Call))
      E = Call->getArg(0);
    else if (const auto *Cast = dyn_cast<CXXStaticCastExpr>(E);
             Cast && Cast->getType()->isRValueReferenceType())
      E = Cast->getSubExpr();
  }
  return E;
}

AccessPath accessPath(const Expr *E) {
  AccessPath Members;
  while ((E = ignoringMoves(E))) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Variable = dyn_cast<VarDecl>(Ref->getDecl());
      if (!Variable)
        return {};
      Members.push_back(Variable->getCanonicalDecl());
      break;
    }
    if (isa<CXXThisExpr>(E)) {
      Members.push_back(nullptr);
      break;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      Members.push_back(Member->getMemberDecl()->getCanonicalDecl());
      E = Member->getBase();
    } else if (const auto *Unary = dyn_cast<UnaryOperator>(E);
               Unary && (Unary->getOpcode() == UO_Deref ||
                         Unary->getOpcode() == UO_AddrOf)) {
      E = Unary->getSubExpr();
    } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E);
               Operator && Operator->getNumArgs() == 1 &&
               (Operator->getOperator() == OO_Star ||
                Operator->getOperator() == OO_Arrow)) {
      E = Operator->getArg(0);
    } else {
      return {};
    }
  }
  if (!E)
    return {};
  std::reverse(Members.begin(), Members.end());
  return Members;
}

bool isSameObject(const Expr &A, const Expr &B) {
  AccessPath PathA = accessPath(&A);
  return !PathA.empty() && PathA == accessPath(&B);
}

const VarDecl *denotedVariable(const Expr &E) {
  AccessPath Path = accessPath(&E);
  return Path.size() == 1 ? dyn_cast_or_null<VarDecl>(Path.front()) : nullptr;
}

std::optional<bool> evidentBoolean(const Expr &E) {
  const Expr *Value = E.IgnoreParenImpCasts();
  if (const auto *Call = dyn_cast<CallExpr>(Value)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Definition = nullptr;
    const auto *Body =
        Callee && Callee->hasBody(Definition)
            ? dyn_cast_or_null<CompoundStmt>(Definition->getBody())
            : nullptr;
    const auto *Return =
        Body && Body->size() == 1 ? dyn_cast<ReturnStmt>(Body->body_front())
                                  : nullptr;
    if (!Return || !Return->getRetValue())
      return std::nullopt;
    Value = Return->getRetValue()->IgnoreParenImpCasts();
  }
  if (const auto *Literal = dyn_cast<CXXBoolLiteralExpr>(Value))
    return Literal->getValue();
  return std::nullopt;
}

const ValueDecl *denotedObject(const Expr &E) {
  AccessPath Path = accessPath(&E);
  if (Path.size() == 1)
    return dyn_cast_or_null<VarDecl>(Path.front());
  return Path.size() == 2 && !Path.front()
             ? dyn_cast_or_null<FieldDecl>(Path.back())
             : nullptr;
}

} // namespace clang::tidy::coroscope
