//===--- CoroutineFacts.cpp -----------------------------------------------===//

#include "utils/CoroutineFacts.h"
#include "utils/ExpressionFacts.h"
#include "utils/FunctionBody.h"
#include "utils/LibraryProfiles.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::coroscope {
namespace {

DeclarationName identifier(const ASTContext &Context, llvm::StringRef Name) {
  return DeclarationName(&Context.Idents.get(Name));
}

/// The declarations named \p Name in \p Record and in its bases.
llvm::SmallVector<const NamedDecl *, 4>
lookupMember(const CXXRecordDecl &Record, DeclarationName Name) {
  llvm::SmallVector<const NamedDecl *, 4> Found;
  auto Collect = [&](const CXXRecordDecl *Class) {
    for (const NamedDecl *Decl : Class->lookup(Name))
      Found.push_back(Decl);
    return true;
  };
  Collect(&Record);
  if (Record.hasDefinition())
    Record.forallBases(Collect);
  return Found;
}

bool hasMember(const CXXRecordDecl &Record, llvm::StringRef Name) {
  return !lookupMember(Record, identifier(Record.getASTContext(), Name))
              .empty();
}

const FunctionDecl *asFunction(const NamedDecl *Decl) {
  if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Decl))
    return Template->getTemplatedDecl();
  return dyn_cast<FunctionDecl>(Decl);
}

const CXXRecordDecl *recordOf(QualType Type) {
  if (Type.isNull())
    return nullptr;
  if (const CXXRecordDecl *Record = Type->getAsCXXRecordDecl())
    return Record;
  // A dependent `promise<T>` inside a template pattern.
  if (const auto *Specialization = Type->getAs<TemplateSpecializationType>())
    if (const auto *Template = dyn_cast_or_null<ClassTemplateDecl>(
            Specialization->getTemplateName().getAsTemplateDecl()))
      return Template->getTemplatedDecl();
  return nullptr;
}

/// The class definition to read for \p Type (see definitionOrPattern).
const CXXRecordDecl *definitionOf(QualType Type) {
  const CXXRecordDecl *Record = recordOf(Type);
  return Record ? definitionOrPattern(*Record) : nullptr;
}

const ClassTemplateDecl *templateOf(const CXXRecordDecl &Record) {
  if (const auto *Specialization =
          dyn_cast<ClassTemplateSpecializationDecl>(&Record))
    return Specialization->getSpecializedTemplate()->getCanonicalDecl();
  if (const ClassTemplateDecl *Described = Record.getDescribedClassTemplate())
    return Described->getCanonicalDecl();
  return nullptr;
}

/// True when \p Type names \p Record, or, in a template, the template that
/// \p Record is a specialization of.
bool namesRecord(QualType Type, const CXXRecordDecl &Record) {
  Type = Type.getNonReferenceType().getUnqualifiedType();
  if (const CXXRecordDecl *Named = Type->getAsCXXRecordDecl()) {
    if (Named->getCanonicalDecl() == Record.getCanonicalDecl())
      return true;
    const ClassTemplateDecl *Template = templateOf(Record);
    return Template && Named->getDescribedClassTemplate() &&
           Named->getDescribedClassTemplate()->getCanonicalDecl() == Template;
  }
  if (const auto *Specialization = Type->getAs<TemplateSpecializationType>()) {
    const TemplateDecl *Named =
        Specialization->getTemplateName().getAsTemplateDecl();
    const ClassTemplateDecl *Template = templateOf(Record);
    return Named && Template && Named->getCanonicalDecl() == Template;
  }
  return false;
}

/// Free `operator co_await` overloads that could apply to \p Record: those in
/// its namespace, in the global namespace, and hidden friends.
llvm::SmallVector<const FunctionDecl *, 4>
freeCoAwaitOperators(const CXXRecordDecl &Record) {
  const ASTContext &Context = Record.getASTContext();
  DeclarationName Name =
      Context.DeclarationNames.getCXXOperatorName(OO_Coawait);
  llvm::SmallVector<const FunctionDecl *, 4> Found;
  auto CollectFrom = [&](const DeclContext *Scope) {
    for (const NamedDecl *Decl : Scope->getPrimaryContext()->lookup(Name))
      if (const FunctionDecl *Function = asFunction(Decl))
        if (!Function->isCXXClassMember())
          Found.push_back(Function);
  };
  const DeclContext *Namespace = Record.getEnclosingNamespaceContext();
  CollectFrom(Namespace);
  if (!Namespace->isTranslationUnit())
    CollectFrom(Context.getTranslationUnitDecl());
  if (Record.hasDefinition())
    for (const FriendDecl *Friend : Record.getDefinition()->friends())
      if (const NamedDecl *Befriended = Friend->getFriendDecl())
        if (const FunctionDecl *Function = asFunction(Befriended))
          if (Function->getDeclName() == Name)
            Found.push_back(Function);
  return Found;
}

/// Whether the awaiter's `await_ready` is a constant `return true;` or
/// `return false;`, as in `std::suspend_never` and `std::suspend_always`.
TaskStart startOfAwaiter(QualType Awaiter) {
  const CXXRecordDecl *Record = definitionOf(Awaiter);
  if (!Record)
    return TaskStart::Unknown;
  for (const NamedDecl *Decl : lookupMember(
           *Record, identifier(Record->getASTContext(), "await_ready"))) {
    const FunctionDecl *Ready = asFunction(Decl);
    if (!Ready)
      continue;
    const FunctionDecl *Defined = definitionOrPattern(*Ready);
    if (!Defined)
      continue;
    const auto *Body = dyn_cast_or_null<CompoundStmt>(Defined->getBody());
    if (!Body || Body->size() != 1)
      continue;
    const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
    if (!Return || !Return->getRetValue() ||
        Return->getRetValue()->isValueDependent())
      continue;
    bool IsReady = false;
    if (Return->getRetValue()->EvaluateAsBooleanCondition(
            IsReady, Record->getASTContext()))
      return IsReady ? TaskStart::Eager : TaskStart::Lazy;
  }
  return TaskStart::Unknown;
}

/// The type `initial_suspend` returns, looking through `auto`.
QualType initialSuspendType(const FunctionDecl &InitialSuspend) {
  QualType Returned = InitialSuspend.getReturnType();
  if (!Returned->getContainedAutoType() ||
      Returned->getContainedAutoType()->isDeduced())
    return Returned;
  const FunctionDecl *Defined = nullptr;
  if (!InitialSuspend.getBody(Defined))
    return Returned;
  if (const auto *Body = dyn_cast_or_null<CompoundStmt>(Defined->getBody()))
    for (const Stmt *Statement : Body->body())
      if (const auto *Return = dyn_cast<ReturnStmt>(Statement))
        if (const Expr *Value = Return->getRetValue())
          return Value->getType();
  return Returned;
}

TaskStart startOfPromise(const CXXRecordDecl &Promise) {
  for (const NamedDecl *Decl : lookupMember(
           Promise, identifier(Promise.getASTContext(), "initial_suspend")))
    if (const FunctionDecl *InitialSuspend = asFunction(Decl))
      return startOfAwaiter(initialSuspendType(*InitialSuspend));
  return TaskStart::Unknown;
}

const CXXRecordDecl *nestedPromise(const CXXRecordDecl &Record) {
  for (const NamedDecl *Decl :
       lookupMember(Record, identifier(Record.getASTContext(), "promise_type")))
    if (const auto *Type = dyn_cast<TypeDecl>(Decl))
      if (const CXXRecordDecl *Promise =
              definitionOf(Record.getASTContext().getTypeDeclType(Type)))
        return Promise;
  return nullptr;
}

/// The promise that a `std::coroutine_traits` specialization for a function
/// returning \p Record names, when the library uses traits instead of a nested
/// `promise_type`.
const CXXRecordDecl *traitsPromise(const CXXRecordDecl &Record) {
  const ASTContext &Context = Record.getASTContext();
  for (const NamedDecl *Std :
       Context.getTranslationUnitDecl()->lookup(identifier(Context, "std"))) {
    const auto *Namespace = dyn_cast<NamespaceDecl>(Std);
    if (!Namespace)
      continue;
    for (const NamedDecl *Decl : Namespace->getPrimaryContext()->lookup(
             identifier(Context, "coroutine_traits"))) {
      const auto *Traits = dyn_cast<ClassTemplateDecl>(Decl);
      if (!Traits)
        continue;
      auto FirstArgumentNamesRecord = [&](ArrayRef<TemplateArgument> Args) {
        return !Args.empty() && Args[0].getKind() == TemplateArgument::Type &&
               namesRecord(Args[0].getAsType(), Record);
      };
      for (const ClassTemplateSpecializationDecl *Specialization :
           Traits->specializations())
        if (FirstArgumentNamesRecord(
                Specialization->getTemplateArgs().asArray()))
          // Neither it nor the traits template need be defined.
          if (const CXXRecordDecl *Defined =
                  definitionOrPattern(*Specialization))
            if (const CXXRecordDecl *Promise = nestedPromise(*Defined))
              return Promise;
      llvm::SmallVector<ClassTemplatePartialSpecializationDecl *, 4> Partials;
      const_cast<ClassTemplateDecl *>(Traits)->getPartialSpecializations(
          Partials);
      for (const ClassTemplatePartialSpecializationDecl *Partial : Partials)
        if (FirstArgumentNamesRecord(Partial->getTemplateArgs().asArray()))
          if (const CXXRecordDecl *Promise = nestedPromise(*Partial))
            return Promise;
    }
  }
  return nullptr;
}

} // namespace

CoroutineFacts::CoroutineFacts(const NameList &ExtraAwaitables,
                               LibraryProfiles &Profiles)
    : ExtraAwaitables(ExtraAwaitables), Profiles(Profiles) {}

AwaitableFacts CoroutineFacts::classify(QualType Type) {
  if (Type.isNull() || Type->isDependentType())
    return {};
  const auto *Record = Type.getCanonicalType()->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return {};
  Record = Record->getDefinition();
  auto [Entry, Inserted] = Cache.try_emplace(Record->getCanonicalDecl());
  if (Inserted)
    Entry->second = classifyRecord(*Record);
  return Entry->second;
}

AwaitableFacts CoroutineFacts::classifyRecord(const CXXRecordDecl &Record) {
  AwaitableFacts Facts;
  const ASTContext &Context = Record.getASTContext();

  for (const NamedDecl *Decl : lookupMember(
           Record, Context.DeclarationNames.getCXXOperatorName(OO_Coawait))) {
    Facts.IsAwaitable = true;
    if (const auto *Method = dyn_cast_or_null<CXXMethodDecl>(asFunction(Decl)))
      Facts.AwaitConsumes |= Method->getRefQualifier() == RQ_RValue;
  }
  for (const FunctionDecl *Operator : freeCoAwaitOperators(Record)) {
    if (Operator->getNumParams() != 1 ||
        !namesRecord(Operator->getParamDecl(0)->getType(), Record))
      continue;
    Facts.IsAwaitable = true;
    Facts.AwaitConsumes |=
        Operator->getParamDecl(0)->getType()->isRValueReferenceType();
  }
  Facts.IsAwaitable |= hasMember(Record, "await_ready") &&
                       hasMember(Record, "await_suspend") &&
                       hasMember(Record, "await_resume");
  Facts.IsAwaitable |= ExtraAwaitables.matches(Record);
  std::optional<LibraryProfiles::Task> Profiled = Profiles.taskType(Record);
  if (Profiled) {
    Facts.IsAwaitable = true;
    Facts.Profiled = Profiled->Type;
    Facts.Library = Profiled->Library;
  }
  if (!Facts.IsAwaitable)
    return Facts;

  if (Profiled && Profiled->Type->Start != TaskStart::Unknown) {
    Facts.Start = Profiled->Type->Start;
    return Facts;
  }
  const CXXRecordDecl *Promise = nestedPromise(Record);
  if (!Promise)
    Promise = traitsPromise(Record);
  if (Promise)
    Facts.Start = startOfPromise(*Promise);
  return Facts;
}

bool isCoroutine(const FunctionDecl &Function) {
  return isa_and_nonnull<CoroutineBodyStmt>(Function.getBody());
}

bool isSuspensionPoint(const Stmt &S) {
  return isa<CoroutineSuspendExpr, DependentCoawaitExpr>(S);
}

bool isAwaiterMember(const FunctionDecl &Function) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
  if (!Method || !Method->getIdentifier())
    return false;
  llvm::StringRef Name = Method->getName();
  return Name == "await_ready" || Name == "await_suspend" ||
         Name == "await_resume";
}

bool neverSuspends(const Stmt &S) {
  const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(&S);
  return Suspend && Suspend->getReadyExpr() &&
         evidentBoolean(*Suspend->getReadyExpr()) == true;
}

const Expr *awaitedOperand(const Stmt &S) {
  if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(&S))
    return Suspend->getOperand();
  if (const auto *Dependent = dyn_cast<DependentCoawaitExpr>(&S))
    return Dependent->getOperand();
  return nullptr;
}

const CallExpr *awaitedCall(const Stmt &S) {
  const Expr *Operand = awaitedOperand(S);
  return Operand ? dyn_cast<CallExpr>(skipImplicitWrappers(Operand)) : nullptr;
}

bool isAwaiterPart(const Stmt &Element, EnclosingFunctions &Functions) {
  bool Part = false;
  Functions.anyEnclosingStmt(
      Element, [&](const Stmt &Parent, const Stmt &Child) {
        if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(&Parent)) {
          Part = Suspend->getOperand() != &Child;
          return true;
        }
        return !isa<Expr>(Parent);
      });
  return Part;
}

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
