//===--- FlowFacts.h - control flow of a function ---------------*- C++ -*-===//
//
// Shared helpers for checks that follow a function's control flow graph:
// building it only when it can be trusted, reachability, and how a path
// leaves the function.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_FLOWFACTS_H
#define COROSCOPE_CHECKS_UTILS_FLOWFACTS_H

#include "clang/AST/ASTContext.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>

namespace clang::tidy::coroscope {

/// The CFG of \p Function's body (for a coroutine, the body as written,
/// without the compiler's suspensions) with every expression as an element, or
/// null when there is none to trust: no body, an invalid declaration (of the
/// function, a local or a handler), an expression that holds errors
/// (half-typed code in clangd), a dependent
/// context (analyze the instantiations instead), or a graph clang cannot
/// build.
std::unique_ptr<CFG> buildFunctionCFG(const FunctionDecl &Function,
                                      ASTContext &Context);

/// The blocks reachable from \p From (including it), indexed by block ID.
llvm::BitVector reachableFrom(const CFG &Graph, const CFGBlock &From);

/// The blocks from which \p To is reachable (including it), by block ID.
llvm::BitVector reaching(const CFG &Graph, const CFGBlock &To);

/// The statement by which \p Block leaves the function with an exception: a
/// `throw`, a call that does not return (`std::rethrow_exception`,
/// `std::terminate`, any `[[noreturn]]` function), or a try statement none of
/// whose handlers matched; null when it has none.
const Stmt *exceptionalExit(const CFGBlock &Block);

/// Where exceptions go in \p Graph. Built without exception edges, clang's
/// CFG enters a handler only from a `throw` written in its try block; an
/// analysis that must follow a throwing call or `co_await` into the handler
/// adds those edges itself with this.
struct TryBlocks {
  /// The innermost try statement whose try block (not a handler) holds the
  /// statement.
  llvm::DenseMap<const Stmt *, const CXXTryStmt *> InnermostTry;
  /// The block whose successors are the try statement's handlers.
  llvm::DenseMap<const CXXTryStmt *, const CFGBlock *> Dispatch;
};
TryBlocks findTryBlocks(const Stmt &Body, const CFG &Graph);

} // namespace clang::tidy::coroscope

#endif
