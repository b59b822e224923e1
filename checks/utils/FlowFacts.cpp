//===--- FlowFacts.cpp ----------------------------------------------------===//

#include "utils/FlowFacts.h"
#include "utils/CoroutineFacts.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::coroscope {

std::unique_ptr<CFG> buildFunctionCFG(const FunctionDecl &Function,
                                      ASTContext &Context) {
  Stmt *Body = Function.getBody();
  if (!Body || Function.isInvalidDecl() || Function.isDependentContext())
    return nullptr;
  bool HasErrors = false;
  forEachOwnStatement(*Body, [&](const Stmt &S) {
    if (const auto *E = dyn_cast<Expr>(&S))
      HasErrors |= E->containsErrors();
    // A declaration of an unknown type drops its initializer, or a handler.
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
  // A coroutine's graph is that of the body as written: the compiler's
  // initial and final suspension and its implicit co_return are not paths a
  // check reasons about.
  if (const auto *Coroutine = dyn_cast<CoroutineBodyStmt>(Body))
    Body = Coroutine->getBody();
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  return CFG::buildCFG(&Function, Body, &Context, Options);
}

namespace {

template <typename Neighbours>
llvm::BitVector reach(const CFG &Graph, const CFGBlock &Start,
                      Neighbours NeighboursOf) {
  llvm::BitVector Reached(Graph.getNumBlockIDs());
  llvm::SmallVector<const CFGBlock *, 16> Pending{&Start};
  Reached.set(Start.getBlockID());
  while (!Pending.empty()) {
    const CFGBlock *Block = Pending.pop_back_val();
    for (const CFGBlock *Next : NeighboursOf(*Block))
      if (Next && !Reached.test(Next->getBlockID())) {
        Reached.set(Next->getBlockID());
        Pending.push_back(Next);
      }
  }
  return Reached;
}

} // namespace

llvm::BitVector reachableFrom(const CFG &Graph, const CFGBlock &From) {
  return reach(Graph, From,
               [](const CFGBlock &Block) { return Block.succs(); });
}

llvm::BitVector reaching(const CFG &Graph, const CFGBlock &To) {
  return reach(Graph, To, [](const CFGBlock &Block) { return Block.preds(); });
}

const Stmt *exceptionalExit(const CFGBlock &Block) {
  // A try statement's dispatch block goes on to the exit when no handler
  // matches: the exception propagates.
  if (const auto *Try = dyn_cast_or_null<CXXTryStmt>(Block.getTerminatorStmt()))
    return Try;
  for (const CFGElement &Element : Block) {
    std::optional<CFGStmt> AsStmt = Element.getAs<CFGStmt>();
    if (!AsStmt)
      continue;
    const Stmt *S = AsStmt->getStmt();
    if (isa<CXXThrowExpr>(S))
      return S;
    if (const auto *Call = dyn_cast<CallExpr>(S);
        Call && Block.hasNoReturnElement() && Call->getDirectCallee() &&
        Call->getDirectCallee()->isNoReturn())
      return S;
  }
  return nullptr;
}

TryBlocks findTryBlocks(const Stmt &Body, const CFG &Graph) {
  TryBlocks Tries;
  // Pre-order visits an outer try before the tries nested in it, so the
  // innermost one is written last.
  forEachOwnStatement(Body, [&](const Stmt &S) {
    if (const auto *Try = dyn_cast<CXXTryStmt>(&S))
      forEachOwnStatement(*Try->getTryBlock(), [&](const Stmt &Inner) {
        Tries.InnermostTry[&Inner] = Try;
      });
  });
  for (const CFGBlock *Block : Graph)
    if (const auto *Try =
            dyn_cast_or_null<CXXTryStmt>(Block->getTerminatorStmt()))
      Tries.Dispatch[Try] = Block;
  return Tries;
}

} // namespace clang::tidy::coroscope
