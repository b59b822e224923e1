//===--- FunctionBody.cpp -------------------------------------------------===//

#include "utils/FunctionBody.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::coroscope {

const Stmt *writtenBody(const FunctionDecl &Function) {
  const Stmt *Body = Function.getBody();
  if (const auto *Coroutine = dyn_cast_or_null<CoroutineBodyStmt>(Body))
    return Coroutine->getBody();
  return Body;
}

const FunctionDecl *definitionOrPattern(const FunctionDecl &Function) {
  const FunctionDecl *Defined = nullptr;
  if (Function.getBody(Defined))
    return Defined;
  if (const FunctionDecl *Pattern = Function.getTemplateInstantiationPattern())
    if (Pattern->getBody(Defined))
      return Defined;
  return nullptr;
}

const CXXRecordDecl *definitionOrPattern(const CXXRecordDecl &Record) {
  if (const CXXRecordDecl *Definition = Record.getDefinition())
    return Definition;
  if (const CXXRecordDecl *Pattern = Record.getTemplateInstantiationPattern())
    return Pattern->getDefinition();
  if (const auto *Specialization =
          dyn_cast<ClassTemplateSpecializationDecl>(&Record))
    return Specialization->getSpecializedTemplate()
        ->getTemplatedDecl()
        ->getDefinition();
  if (const CXXRecordDecl *Member = Record.getInstantiatedFromMemberClass())
    return Member->getDefinition();
  return nullptr;
}

namespace {

class OwnStatementVisitor : public RecursiveASTVisitor<OwnStatementVisitor> {
public:
  explicit OwnStatementVisitor(llvm::function_ref<void(const Stmt &)> Visit)
      : Visit(Visit) {}

  bool VisitStmt(Stmt *S) {
    Visit(*S);
    return true;
  }

  // A lambda's body runs when the lambda is called, not here; its captures
  // are initialized here.
  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    VisitStmt(Lambda);
    for (Expr *Init : Lambda->capture_inits())
      if (Init)
        TraverseStmt(Init);
    return true;
  }
  bool TraverseBlockExpr(BlockExpr *) { return true; }
  bool TraverseDecl(Decl *D) {
    if (isa_and_nonnull<TagDecl, FunctionDecl>(D))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

private:
  llvm::function_ref<void(const Stmt &)> Visit;
};

/// Walks up from \p S through the statements of its own function, innermost
/// first, until \p Visit returns true. Returns the function or lambda \p S
/// belongs to, or null when Visit stopped the walk or there is none.
const FunctionDecl *
walkUp(const Stmt &S, ASTContext &Context,
       llvm::function_ref<bool(const Stmt &Parent, const Stmt &Child)> Visit) {
  const Stmt *Child = &S;
  for (DynTypedNodeList Parents = Context.getParents(S); !Parents.empty();
       Parents = Context.getParents(Parents[0])) {
    const DynTypedNode &Parent = Parents[0];
    if (const auto *Function = Parent.get<FunctionDecl>())
      return Function;
    if (const auto *Lambda = Parent.get<LambdaExpr>())
      return Lambda->getCallOperator();
    if (Parent.get<BlockDecl>())
      return nullptr;
    // A declaration between statements (a variable and its initializer).
    const Stmt *ParentStmt = Parent.get<Stmt>();
    if (!ParentStmt)
      continue;
    if (Visit(*ParentStmt, *Child))
      return nullptr;
    Child = ParentStmt;
  }
  return nullptr;
}

} // namespace

void forEachOwnStatement(const Stmt &Root,
                         llvm::function_ref<void(const Stmt &)> Visit) {
  OwnStatementVisitor(Visit).TraverseStmt(const_cast<Stmt *>(&Root));
}

const FunctionDecl *enclosingFunction(const Stmt &S, ASTContext &Context) {
  return walkUp(S, Context, [](const Stmt &, const Stmt &) { return false; });
}

bool anyEnclosingStmt(
    const Stmt &S, ASTContext &Context,
    llvm::function_ref<bool(const Stmt &Parent, const Stmt &Child)> Visit) {
  bool Stopped = false;
  walkUp(S, Context, [&](const Stmt &Parent, const Stmt &Child) {
    return Stopped = Visit(Parent, Child);
  });
  return Stopped;
}

bool isInsideHandler(const Stmt &S, ASTContext &Context) {
  return anyEnclosingStmt(S, Context, [](const Stmt &Parent, const Stmt &) {
    return isa<CXXCatchStmt>(Parent);
  });
}

} // namespace clang::tidy::coroscope
