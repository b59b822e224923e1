//===--- ExceptionCoverage.cpp --------------------------------------------===//

#include "utils/ExceptionCoverage.h"

namespace clang::tidy::coroscope {

ReachableHandlers handlersReachedFrom(const Stmt &S, ASTContext &Context) {
  ReachableHandlers Reached;
  anyEnclosingStmt(S, Context, [&](const Stmt &Parent, const Stmt &Child) {
    const auto *Try = dyn_cast<CXXTryStmt>(&Parent);
    if (!Try || Try->getTryBlock() != &Child)
      return false;
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
      const CXXCatchStmt *Handler = Try->getHandler(I);
      Reached.Handlers.push_back(Handler);
      Reached.CatchesAll |= Handler->getExceptionDecl() == nullptr;
    }
    return Reached.CatchesAll;
  });
  return Reached;
}

bool runsOnEveryExceptionalPath(const Stmt &S, const FunctionFlow &Flow,
                                ASTContext &Context,
                                llvm::function_ref<bool(const Stmt &)> Runs) {
  ReachableHandlers Reached = handlersReachedFrom(S, Context);
  if (!Reached.CatchesAll)
    return false;
  for (const CXXCatchStmt *Handler : Reached.Handlers) {
    const CFGBlock *Start = Flow.handlerBlock(*Handler);
    if (!Start || !Flow.everyPathPasses(*Start, Runs))
      return false;
  }
  return true;
}

} // namespace clang::tidy::coroscope
