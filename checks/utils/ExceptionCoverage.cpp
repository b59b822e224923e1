//===--- ExceptionCoverage.cpp --------------------------------------------===//

#include "utils/ExceptionCoverage.h"

namespace clang::tidy::coroscope {

ReachableHandlers handlersReachedFrom(const Stmt &S, const FunctionFlow &Flow) {
  ReachableHandlers Reached;
  for (const CXXTryStmt *Try = Flow.innermostTry(S); Try && !Reached.CatchesAll;
       Try = Flow.innermostTry(*Try)) {
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
      const CXXCatchStmt *Handler = Try->getHandler(I);
      Reached.Handlers.push_back(Handler);
      Reached.CatchesAll |= Handler->getExceptionDecl() == nullptr;
    }
  }
  return Reached;
}

bool runsOnEveryExceptionalPath(const Stmt &S, const FunctionFlow &Flow,
                                llvm::function_ref<bool(const Stmt &)> Runs) {
  ReachableHandlers Reached = handlersReachedFrom(S, Flow);
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
