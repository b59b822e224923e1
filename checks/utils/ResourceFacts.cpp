//===--- ResourceFacts.cpp ------------------------------------------------===//

#include "utils/ResourceFacts.h"
#include "utils/ExpressionFacts.h"
#include "utils/FunctionBody.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::coroscope {
namespace {

bool hasUserProvidedDestructor(const CXXRecordDecl &Record, unsigned Depth) {
  // Bases are finite, but a broken hierarchy in half-typed code need not be.
  if (Depth > 16 || !Record.hasDefinition())
    return false;
  const CXXRecordDecl &Definition = *Record.getDefinition();
  if (const CXXDestructorDecl *Destructor = Definition.getDestructor();
      Destructor && Destructor->isUserProvided())
    return true;
  for (const CXXBaseSpecifier &Base : Definition.bases())
    if (const CXXRecordDecl *BaseRecord = Base.getType()->getAsCXXRecordDecl())
      if (hasUserProvidedDestructor(*BaseRecord, Depth + 1))
        return true;
  return false;
}

/// True when \p Type, a parameter's or a member's, lets its holder keep
/// hold of what is passed.
bool takesHold(QualType Type) {
  if (Type->isPointerType())
    return true;
  return Type->isReferenceType() &&
         !Type.getNonReferenceType().isConstQualified();
}

/// True when \p Init, the initializer of an RAII variable, hands it the
/// resource; see guardedByRAII.
bool handsOverResource(const Expr &Init,
                       llvm::function_ref<bool(const Expr &)> IsResource,
                       llvm::function_ref<bool(const Stmt &)> IsRelease) {
  auto ArgumentHandsOver = [&](const Expr *Argument,
                               const ValueDecl *Parameter) {
    return Argument && Parameter && takesHold(Parameter->getType()) &&
           IsResource(*ignoringMoves(Argument));
  };
  // An aggregate that cleans up (`unlocker{&mutex}`, also as a member of
  // `holder{unlocker{&mutex}}`) holds what its members were initialized
  // with; a plain one (`info{&mutex, "name"}`) releases nothing.
  auto AggregateHandsOver = [&](QualType Type, llvm::ArrayRef<Expr *> Inits) {
    const RecordDecl *Record = Type->getAsRecordDecl();
    if (!Record || !isRAIIType(Type))
      return false;
    unsigned I = 0;
    for (const FieldDecl *Field : Record->fields())
      if (I < Inits.size() && ArgumentHandsOver(Inits[I++], Field))
        return true;
    return false;
  };
  bool HandsOver = false;
  forEachOwnStatement(Init, [&](const Stmt &S) {
    if (HandsOver)
      return;
    if (const auto *Lambda = dyn_cast<LambdaExpr>(&S)) {
      forEachOwnStatement(*Lambda->getBody(), [&](const Stmt &Inner) {
        HandsOver |= IsRelease(Inner);
      });
    } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S)) {
      const CXXConstructorDecl *Constructor = Construct->getConstructor();
      for (unsigned I = 0, N = std::min(Construct->getNumArgs(),
                                        Constructor->getNumParams());
           I < N; ++I)
        HandsOver |= ArgumentHandsOver(Construct->getArg(I),
                                       Constructor->getParamDecl(I));
    } else if (const auto *List = dyn_cast<InitListExpr>(&S)) {
      if (const InitListExpr *Semantic = List->getSemanticForm())
        List = Semantic;
      HandsOver |= AggregateHandsOver(List->getType(), List->inits());
    } else if (const auto *Parens = dyn_cast<CXXParenListInitExpr>(&S)) {
      HandsOver |=
          AggregateHandsOver(Parens->getType(), Parens->getInitExprs());
    } else if (const auto *Call = dyn_cast<CallExpr>(&S);
               Call && !isa<CXXOperatorCallExpr>(Call)) {
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        for (unsigned I = 0,
                      N = std::min(Call->getNumArgs(), Callee->getNumParams());
             I < N; ++I)
          HandsOver |=
              ArgumentHandsOver(Call->getArg(I), Callee->getParamDecl(I));
    }
  });
  return HandsOver;
}

/// True when \p D declares an object that was handed the resource and
/// does something when it goes: its class's destructor, a base's or a
/// member's (a rule-of-zero wrapper around a guard) is not trivial.
bool isGuard(const Decl *D, llvm::function_ref<bool(const Expr &)> IsResource,
             llvm::function_ref<bool(const Stmt &)> IsRelease) {
  const auto *Variable = dyn_cast_or_null<VarDecl>(D);
  if (!Variable || Variable->getType()->isReferenceType() ||
      Variable->getType()->isDependentType() || !Variable->getInit())
    return false;
  const CXXRecordDecl *Record = Variable->getType()->getAsCXXRecordDecl();
  return Record && Record->hasDefinition() &&
         !Record->getDefinition()->hasTrivialDestructor() &&
         handsOverResource(*Variable->getInit(), IsResource, IsRelease);
}

bool declaresGuard(const Stmt *S,
                   llvm::function_ref<bool(const Expr &)> IsResource,
                   llvm::function_ref<bool(const Stmt &)> IsRelease) {
  const auto *Declaration = dyn_cast_or_null<DeclStmt>(S);
  if (!Declaration)
    return false;
  for (const Decl *D : Declaration->decls())
    if (isGuard(D, IsResource, IsRelease))
      return true;
  return false;
}

} // namespace

bool isRAIIType(QualType Type) {
  if (Type.isNull() || Type->isDependentType())
    return false;
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  return Record && hasUserProvidedDestructor(*Record, 0);
}

bool destructorCalls(const CXXRecordDecl &Record,
                     llvm::function_ref<bool(const FunctionDecl &)> Releases) {
  if (!Record.hasDefinition())
    return false;
  const CXXRecordDecl &Definition = *Record.getDefinition();
  if (const CXXDestructorDecl *Destructor = Definition.getDestructor())
    if (const FunctionDecl *Defined = definitionOrPattern(*Destructor)) {
      bool Calls = false;
      forEachOwnStatement(*Defined->getBody(), [&](const Stmt &S) {
        if (const auto *Call = dyn_cast<CallExpr>(&S))
          if (const FunctionDecl *Callee = Call->getDirectCallee())
            Calls |= Releases(*Callee);
      });
      if (Calls)
        return true;
    }
  for (const CXXBaseSpecifier &Base : Definition.bases())
    if (const CXXRecordDecl *BaseRecord = Base.getType()->getAsCXXRecordDecl();
        BaseRecord && BaseRecord != &Definition &&
        destructorCalls(*BaseRecord, Releases))
      return true;
  return false;
}

bool isStdLockOwner(const CXXRecordDecl &Record) {
  const IdentifierInfo *Name = Record.getIdentifier();
  if (!Name || !Record.isInStdNamespace())
    return false;
  return llvm::is_contained(
      {"lock_guard", "unique_lock", "scoped_lock", "shared_lock"},
      Name->getName());
}

bool locksOnConstruction(const CXXConstructExpr &Construct) {
  const CXXConstructorDecl *Constructor = Construct.getConstructor();
  if (!Constructor || Construct.getNumArgs() == 0 ||
      Constructor->isCopyOrMoveConstructor() ||
      !isStdLockOwner(*Constructor->getParent()))
    return false;
  for (const Expr *Argument : Construct.arguments())
    if (const auto *Tag = Argument->getType()->getAsCXXRecordDecl();
        Tag && Tag->getName() == "defer_lock_t")
      return false;
  return true;
}

bool guardedByRAII(const Stmt &S, EnclosingFunctions &Functions,
                   llvm::function_ref<bool(const Expr &)> IsResource,
                   llvm::function_ref<bool(const Stmt &)> IsRelease,
                   GuardSearch &Search) {
  auto Guards = [&](const Stmt *Declaration) {
    return declaresGuard(Declaration, IsResource, IsRelease);
  };
  return Functions.anyEnclosingStmt(
      S, [&](const Stmt &Parent, const Stmt &Child) {
        if (const auto *Compound = dyn_cast<CompoundStmt>(&Parent)) {
          auto [Found, Inserted] = Search.Blocks.try_emplace(Compound);
          GuardSearch::Block &Searched = Found->second;
          if (Inserted) {
            Searched.FirstGuard = Compound->size();
            unsigned Place = 0;
            for (const Stmt *Sibling : Compound->body()) {
              Searched.Places.try_emplace(Sibling, Place);
              if (Searched.FirstGuard == Compound->size() && Guards(Sibling))
                Searched.FirstGuard = Place;
              ++Place;
            }
          }
          return Searched.FirstGuard < Searched.Places.lookup(&Child);
        }
        if (const auto *If = dyn_cast<IfStmt>(&Parent))
          return Guards(If->getInit()) ||
                 Guards(If->getConditionVariableDeclStmt());
        if (const auto *Switch = dyn_cast<SwitchStmt>(&Parent))
          return Guards(Switch->getInit());
        if (const auto *For = dyn_cast<ForStmt>(&Parent))
          return Guards(For->getInit());
        return false;
      });
}

} // namespace clang::tidy::coroscope
