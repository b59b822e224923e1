//===--- FunctionFlow.cpp -------------------------------------------------===//

#include "utils/FunctionFlow.h"
#include "utils/CoroutineFacts.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

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

void forEachOwnStmt(const Stmt &Body,
                    llvm::function_ref<void(const Stmt &)> Visit) {
  // A worklist rather than recursion: generated code nests expressions deeply.
  llvm::SmallVector<const Stmt *, 32> Pending{&Body};
  while (!Pending.empty()) {
    const Stmt *S = Pending.pop_back_val();
    Visit(*S);
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      for (const Expr *Capture : Lambda->capture_inits())
        if (Capture)
          Pending.push_back(Capture);
      continue;
    }
    // The awaiter calls the compiler adds around an operand share its nodes;
    // only the operand was written.
    if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(S)) {
      if (const Expr *Operand = Suspend->getOperand())
        Pending.push_back(Operand);
      continue;
    }
    for (const Stmt *Child : S->children())
      if (Child)
        Pending.push_back(Child);
  }
}

bool anyEnclosingStmt(
    const Stmt &S, ASTContext &Context,
    llvm::function_ref<bool(const Stmt &Parent, const Stmt &Child)> Visit) {
  const Stmt *Child = &S;
  for (DynTypedNodeList Parents = Context.getParents(S); !Parents.empty();
       Parents = Context.getParents(Parents[0])) {
    const DynTypedNode &Parent = Parents[0];
    if (Parent.get<FunctionDecl>() || Parent.get<LambdaExpr>() ||
        Parent.get<BlockDecl>())
      return false;
    // A declaration between statements (a variable and its initializer).
    const Stmt *ParentStmt = Parent.get<Stmt>();
    if (!ParentStmt)
      continue;
    if (Visit(*ParentStmt, *Child))
      return true;
    Child = ParentStmt;
  }
  return false;
}

const Expr *suspensionAt(const Stmt &Element, ASTContext &Context) {
  if (isSuspensionPoint(Element))
    return cast<Expr>(&Element);
  if (!isa<CallExpr>(Element))
    return nullptr;
  const Stmt *Child = &Element;
  for (DynTypedNodeList Parents = Context.getParents(Element); !Parents.empty();
       Parents = Context.getParents(Parents[0])) {
    const auto *Parent = Parents[0].get<Expr>();
    if (const auto *Suspend = dyn_cast_or_null<CoroutineSuspendExpr>(Parent))
      return Suspend->getSuspendExpr() == Child ? Suspend : nullptr;
    if (!isa_and_nonnull<ExprWithCleanups>(Parent))
      return nullptr;
    Child = Parent;
  }
  return nullptr;
}

std::unique_ptr<FunctionFlow> FunctionFlow::build(const FunctionDecl &Function,
                                                  ASTContext &Context,
                                                  ExceptionEdges Edges) {
  if (Function.isInvalidDecl())
    return nullptr;
  const Stmt *Body = writtenBody(Function);
  if (!Body)
    return nullptr;
  bool HasErrors = false;
  forEachOwnStmt(*Body, [&](const Stmt &S) {
    if (const auto *E = dyn_cast<Expr>(&S))
      HasErrors |= E->containsErrors();
    else if (const auto *Declaration = dyn_cast<DeclStmt>(&S))
      HasErrors |= llvm::any_of(Declaration->decls(), [](const Decl *D) {
        return D->isInvalidDecl();
      });
    else if (const auto *Handler = dyn_cast<CXXCatchStmt>(&S))
      HasErrors |= Handler->getExceptionDecl() &&
                   Handler->getExceptionDecl()->isInvalidDecl();
  });
  if (HasErrors)
    return nullptr;

  // Implicit and temporary destructors are included so that a [[noreturn]]
  // destructor (assertion macros use them) ends its path, as upstream does.
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddTemporaryDtors = true;
  Options.AddEHEdges = Edges == ExceptionEdges::Add;
  std::unique_ptr<CFG> Graph =
      CFG::buildCFG(&Function, const_cast<Stmt *>(Body), &Context, Options);
  if (!Graph)
    return nullptr;
  return std::unique_ptr<FunctionFlow>(
      new FunctionFlow(std::move(Graph), *Body, Context));
}

FunctionFlow::FunctionFlow(std::unique_ptr<CFG> TheGraph, const Stmt &TheBody,
                           ASTContext &Context)
    : Graph(std::move(TheGraph)), Body(&TheBody),
      Sequence(Graph.get(), Body, &Context), Blocks(Graph.get(), &Context) {}

const CFGBlock *FunctionFlow::blockOf(const Stmt &S) const {
  return Blocks.blockContainingStmt(&S);
}

std::optional<unsigned> FunctionFlow::indexIn(const CFGBlock &Block,
                                              const Stmt &S) const {
  unsigned Index = 0;
  for (const CFGElement &Element : Block) {
    if (std::optional<CFGStmt> Statement = Element.getAs<CFGStmt>())
      if (Statement->getStmt() == &S)
        return Index;
    ++Index;
  }
  return std::nullopt;
}

bool FunctionFlow::potentiallyAfter(const Stmt &After,
                                    const Stmt &Before) const {
  return Sequence.potentiallyAfter(&After, &Before);
}

const CFGBlock *FunctionFlow::handlerBlock(const CXXCatchStmt &Handler) const {
  for (const CFGBlock *Block : *Graph)
    if (Block && Block->getLabel() == &Handler)
      return Block;
  return nullptr;
}

bool FunctionFlow::everyPathPasses(
    const CFGBlock &From, llvm::function_ref<bool(const Stmt &)> Passes) const {
  llvm::SmallPtrSet<const CFGBlock *, 16> Visited;
  llvm::SmallVector<const CFGBlock *, 16> Pending{&From};
  while (!Pending.empty()) {
    const CFGBlock *Block = Pending.pop_back_val();
    if (!Visited.insert(Block).second)
      continue;
    if (Block == &Graph->getExit())
      return false;
    bool Passed = false;
    for (const CFGElement &Element : *Block)
      if (std::optional<CFGStmt> Statement = Element.getAs<CFGStmt>())
        if ((Passed = Passes(*Statement->getStmt())))
          break;
    if (Passed)
      continue;
    for (const CFGBlock *Successor : Block->succs())
      if (Successor)
        Pending.push_back(Successor);
  }
  return true;
}

const FunctionFlow *FunctionFlowCache::get(const FunctionDecl &Function,
                                           ASTContext &Context) {
  auto [Entry, Inserted] = Flows.try_emplace(&Function);
  if (Inserted)
    Entry->second = FunctionFlow::build(Function, Context, Edges);
  return Entry->second.get();
}

} // namespace clang::tidy::coroscope
