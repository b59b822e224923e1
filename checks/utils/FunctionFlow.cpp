//===--- FunctionFlow.cpp -------------------------------------------------===//

#include "utils/FunctionFlow.h"
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

bool isAwaiterPart(const Stmt &Element, ASTContext &Context) {
  const Stmt *Child = &Element;
  for (DynTypedNodeList Parents = Context.getParents(Element); !Parents.empty();
       Parents = Context.getParents(Parents[0])) {
    const auto *Parent = Parents[0].get<Expr>();
    if (!Parent)
      return false;
    if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(Parent))
      return Suspend->getOperand() != Child;
    Child = Parent;
  }
  return false;
}

std::unique_ptr<FunctionFlow> FunctionFlow::build(const FunctionDecl &Function,
                                                  ASTContext &Context) {
  std::unique_ptr<CFG> Graph = buildFunctionCFG(Function, Context);
  if (!Graph)
    return nullptr;
  return std::unique_ptr<FunctionFlow>(
      new FunctionFlow(std::move(Graph), *writtenBody(Function), Context));
}

FunctionFlow::FunctionFlow(std::unique_ptr<CFG> TheGraph, const Stmt &TheBody,
                           ASTContext &Context)
    : Graph(std::move(TheGraph)), Body(&TheBody),
      Sequence(Graph.get(), Body, &Context), Blocks(Graph.get(), &Context),
      Tries(findTryBlocks(*Body, *Graph)) {}

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

const CXXTryStmt *FunctionFlow::innermostTry(const Stmt &S) const {
  return Tries.InnermostTry.lookup(&S);
}

const CFGBlock *FunctionFlow::exceptionTarget(const Stmt &S) const {
  const CXXTryStmt *Try = innermostTry(S);
  return Try ? Tries.Dispatch.lookup(Try) : nullptr;
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
    Entry->second = FunctionFlow::build(Function, Context);
  return Entry->second.get();
}

} // namespace clang::tidy::coroscope
