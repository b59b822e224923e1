//===--- ExceptionFacts.cpp -----------------------------------------------===//

#include "utils/ExceptionFacts.h"
#include "utils/CoroutineFacts.h"
#include "utils/ExpressionFacts.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

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

/// True for a standard stream's `<<` or `>>` (`std::cerr << "id " << id`):
/// a stream reports a failed insertion or extraction in its state, and
/// throws only where the program asked for it with `exceptions()`.
bool isStandardStreamOperator(const FunctionDecl &Function) {
  OverloadedOperatorKind Operator = Function.getOverloadedOperator();
  if (Operator != OO_LessLess && Operator != OO_GreaterGreater)
    return false;
  const CXXRecordDecl *Stream = nullptr;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Function))
    Stream = Method->getParent();
  else if (Function.isInStdNamespace() && Function.getNumParams() == 2)
    Stream = Function.getParamDecl(0)
                 ->getType()
                 .getNonReferenceType()
                 ->getAsCXXRecordDecl();
  return Stream && Stream->isInStdNamespace() && Stream->getIdentifier() &&
         llvm::is_contained(
             {"basic_ostream", "basic_istream", "basic_iostream"},
             Stream->getName());
}

using AssumeNonThrowingFn = llvm::function_ref<bool(const FunctionDecl &)>;

bool assumedNonThrowing(AssumeNonThrowingFn AssumeNonThrowing,
                        const FunctionDecl &Function) {
  return AssumeNonThrowing && AssumeNonThrowing(Function);
}

bool callMayThrow(const CallExpr &Call, AssumeNonThrowingFn AssumeNonThrowing) {
  if (const FunctionDecl *Callee = Call.getDirectCallee())
    return !isNonThrowing(*Callee) &&
           !assumedNonThrowing(AssumeNonThrowing, *Callee);
  if (const Expr *Callee = Call.getCallee())
    return !typeIsNonThrowing(Callee->IgnoreParenImpCasts()->getType());
  return true;
}

/// Whether \p S, without looking at its children, may throw.
bool nodeMayThrow(const Stmt &S, AssumeNonThrowingFn AssumeNonThrowing) {
  if (isa<CXXThrowExpr>(S))
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(&S))
    return callMayThrow(*Call, AssumeNonThrowing);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S))
    return !isNonThrowing(*Construct->getConstructor()) &&
           !assumedNonThrowing(AssumeNonThrowing, *Construct->getConstructor());
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

/// The parts of \p S evaluated where \p S is: a lambda's captures, not its
/// body.
llvm::SmallVector<const Stmt *, 4> evaluatedChildren(const Stmt &S) {
  llvm::SmallVector<const Stmt *, 4> Children;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(&S)) {
    for (const Expr *Capture : Lambda->capture_inits())
      if (Capture)
        Children.push_back(Capture);
    return Children;
  }
  // Children of a co_await include the awaiter's await_ready, await_suspend
  // and await_resume calls, so their exception specs are looked at too.
  for (const Stmt *Child : S.children())
    if (Child)
      Children.push_back(Child);
  return Children;
}

bool mayThrowAssuming(const Stmt &S, AssumeNonThrowingFn AssumeNonThrowing) {
  if (nodeMayThrow(S, AssumeNonThrowing))
    return true;
  for (const Stmt *Child : evaluatedChildren(S))
    if (mayThrowAssuming(*Child, AssumeNonThrowing))
      return true;
  return false;
}

} // namespace

bool isNonThrowing(const FunctionDecl &Function) {
  if (Function.getBuiltinID() != 0)
    return true;
  // C code throws no C++ exceptions; C library headers (puts, fclose, close)
  // rarely say `throw()`.
  if (Function.isExternC() || isStandardStreamOperator(Function))
    return true;
  // Destroying a coroutine frame runs destructors only; the standard library
  // does not say noexcept.
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
      Method && Method->getIdentifier() && Method->getName() == "destroy" &&
      Method->getParent()->getIdentifier() &&
      Method->getParent()->getName() == "coroutine_handle" &&
      Method->getParent()->isInStdNamespace())
    return true;
  if (const auto *Prototype = Function.getType()->getAs<FunctionProtoType>();
      Prototype && isa<CXXDestructorDecl>(Function)) {
    ExceptionSpecificationType Spec = Prototype->getExceptionSpecType();
    return Spec != EST_NoexceptFalse && Spec != EST_Dynamic;
  }
  return typeIsNonThrowing(Function.getType());
}

bool mayThrow(const Stmt &S) { return mayThrowAssuming(S, nullptr); }

void forEachThrowingOperation(
    const Stmt &S,
    llvm::function_ref<bool(const FunctionDecl &)> AssumeNonThrowing,
    llvm::function_ref<void(const Stmt &)> Visit) {
  if (isa<CoroutineSuspendExpr, DependentCoawaitExpr>(S)) {
    if (mayThrowAssuming(S, AssumeNonThrowing))
      Visit(S);
    return;
  }
  if (nodeMayThrow(S, AssumeNonThrowing)) {
    Visit(S);
    return;
  }
  for (const Stmt *Child : evaluatedChildren(S))
    forEachThrowingOperation(*Child, AssumeNonThrowing, Visit);
}

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
  if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(&Element))
    return awaiterMayThrow(*Suspend);
  return false;
}

bool ThrowAnalysis::awaiterMayThrow(const CoroutineSuspendExpr &Suspend) {
  // The compiler's calls: `await_transform`, the awaiter's members. The
  // operand is an element of its own.
  auto Throws = [&](const Stmt *S, auto &Self) -> bool {
    if (!S || S == Suspend.getOperand())
      return false;
    if (isa<CallExpr, CXXConstructExpr, CXXThrowExpr, CXXNewExpr>(S) &&
        elementMayThrow(*S))
      return true;
    return llvm::any_of(S->children(),
                        [&](const Stmt *Child) { return Self(Child, Self); });
  };
  return llvm::any_of(
      std::initializer_list<const Stmt *>{
          Suspend.getCommonExpr(), Suspend.getReadyExpr(),
          Suspend.getSuspendExpr(), Suspend.getResumeExpr()},
      [&](const Stmt *Part) { return Throws(Part, Throws); });
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

bool isCurrentExceptionCall(const Stmt &S) {
  return isStdCall(S, "current_exception");
}

const Expr *rethrownPointer(const Stmt &S) {
  if (!isStdCall(S, "rethrow_exception") || cast<CallExpr>(S).getNumArgs() != 1)
    return nullptr;
  return cast<CallExpr>(S).getArg(0);
}

namespace {

/// `nullptr`, `NULL`, `{}`, `std::exception_ptr()`, `std::exception_ptr{}`
/// or `std::exception_ptr(nullptr)`.
bool isNullPointer(const Expr *E) {
  E = stripCopies(E);
  if (!E)
    return false;
  if (isa<CXXNullPtrLiteralExpr, GNUNullExpr, CXXScalarValueInitExpr>(E))
    return true;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getNumArgs() == 0 ||
           (Construct->getNumArgs() == 1 &&
            isNullPointer(Construct->getArg(0)));
  if (const auto *List = dyn_cast<InitListExpr>(E))
    return List->getNumInits() == 0;
  return false;
}

} // namespace

std::optional<bool>
testsExceptionPointer(const Expr &Condition,
                      llvm::function_ref<bool(const Expr &)> IsPointer) {
  bool Holds = true;
  const Expr *E = &Condition;
  while (true) {
    E = stripCopies(E);
    if (IsPointer(*E))
      return Holds;
    if (const auto *Not = dyn_cast<UnaryOperator>(E);
        Not && Not->getOpcode() == UO_LNot) {
      Holds = !Holds;
      E = Not->getSubExpr();
    } else if (const auto *Conversion = dyn_cast<CXXMemberCallExpr>(E);
               Conversion && isa_and_nonnull<CXXConversionDecl>(
                                 Conversion->getMethodDecl())) {
      E = Conversion->getImplicitObjectArgument();
    } else if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E);
               Cast && Cast->getType()->isBooleanType()) {
      E = Cast->getSubExpr();
    } else {
      break;
    }
  }
  const Expr *LHS = nullptr, *RHS = nullptr;
  bool Equal = false;
  if (const auto *Rewritten = dyn_cast<CXXRewrittenBinaryOperator>(E)) {
    CXXRewrittenBinaryOperator::DecomposedForm Form =
        Rewritten->getDecomposedForm();
    if (Form.Opcode != BO_EQ && Form.Opcode != BO_NE)
      return std::nullopt;
    Equal = Form.Opcode == BO_EQ;
    LHS = Form.LHS;
    RHS = Form.RHS;
  } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E);
             Operator && Operator->getNumArgs() == 2 &&
             (Operator->getOperator() == OO_EqualEqual ||
              Operator->getOperator() == OO_ExclaimEqual)) {
    Equal = Operator->getOperator() == OO_EqualEqual;
    LHS = Operator->getArg(0);
    RHS = Operator->getArg(1);
  } else {
    return std::nullopt;
  }
  if (isNullPointer(RHS))
    std::swap(LHS, RHS);
  if (!isNullPointer(LHS) || !IsPointer(*stripCopies(RHS)))
    return std::nullopt;
  return Equal ? !Holds : Holds;
}

bool handlerCatches(const CXXCatchStmt &Handler,
                    const CXXRecordDecl &Exception) {
  if (!Handler.getExceptionDecl())
    return true;
  QualType Caught = Handler.getCaughtType();
  if (Caught.isNull() || Caught->isDependentType())
    return false;
  const CXXRecordDecl *Record =
      Caught.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record)
    return false;
  if (Record->getCanonicalDecl() == Exception.getCanonicalDecl())
    return true;
  const CXXRecordDecl *Thrown = Exception.getDefinition();
  return Thrown && Record->hasDefinition() &&
         Thrown->isDerivedFrom(Record->getDefinition());
}

llvm::SmallVector<const CXXCatchStmt *, 2>
handlersReached(const CXXTryStmt &Try, const CXXRecordDecl *Thrown) {
  llvm::SmallVector<const CXXCatchStmt *, 2> Reached;
  for (unsigned I = 0; I < Try.getNumHandlers(); ++I) {
    const CXXCatchStmt *Handler = Try.getHandler(I);
    if (!Thrown) {
      Reached.push_back(Handler);
    } else if (handlerCatches(*Handler, *Thrown)) {
      Reached.push_back(Handler);
      break;
    }
  }
  return Reached;
}

} // namespace clang::tidy::coroscope
