//===--- FunctionFlow.h - a function's control flow, on request -*- C++ -*-===//
//
// The control-flow graph of one function body (built by FlowFacts'
// buildFunctionCFG) with what flow-sensitive checks ask of it: which block
// holds a statement, the evaluation order inside a block (clang-tidy's
// ExprSequence, as bugprone-use-after-move uses it), where an exception goes,
// where a handler starts, and whether every path passes some statement.
// Building a CFG costs more than matching, so checks build one only for the
// functions in which they found a candidate, through FunctionFlowCache.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_FUNCTIONFLOW_H
#define COROSCOPE_CHECKS_UTILS_FUNCTIONFLOW_H

#include "utils/FlowFacts.h"
#include "clang-tidy/utils/ExprSequence.h"
#include "clang/AST/Decl.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <memory>
#include <optional>

namespace clang::tidy::coroscope {

/// The statement buildFunctionCFG makes the graph of: for a coroutine the body
/// as written, inside the compiler's CoroutineBodyStmt; otherwise the body.
/// Null without one.
const Stmt *writtenBody(const FunctionDecl &Function);

/// The definition of \p Function, or, when it has not been instantiated, of
/// the template member it would be instantiated from; null without either.
const FunctionDecl *definitionOrPattern(const FunctionDecl &Function);

/// Calls \p Visit for each statement enclosing \p S in its own function (or
/// lambda), innermost first, with the child on the way from \p S; stops when
/// Visit returns true, and returns whether it did.
bool anyEnclosingStmt(
    const Stmt &S, ASTContext &Context,
    llvm::function_ref<bool(const Stmt &Parent, const Stmt &Child)> Visit);

/// True for a CFG element that the compiler made for a `co_await` or
/// `co_yield` (`operator co_await`, `await_ready`, `await_suspend`,
/// `await_resume` and what they are made of): the graph lists them before the
/// suspension itself, which stands for them all; the operand is the user's.
bool isAwaiterPart(const Stmt &Element, ASTContext &Context);

/// One function body's CFG and the maps over it.
class FunctionFlow {
public:
  /// Null when buildFunctionCFG has no graph to trust (no body, errors, a
  /// dependent context): checks then stay quiet.
  static std::unique_ptr<FunctionFlow> build(const FunctionDecl &Function,
                                             ASTContext &Context);

  const CFG &cfg() const { return *Graph; }
  const Stmt &body() const { return *Body; }

  /// The innermost block evaluating \p S, or null when \p S is not part of
  /// this body.
  const CFGBlock *blockOf(const Stmt &S) const;
  /// Where \p S is an element of \p Block, its index there.
  std::optional<unsigned> indexIn(const CFGBlock &Block, const Stmt &S) const;

  /// True when \p After may be evaluated after \p Before; both in one block.
  bool potentiallyAfter(const Stmt &After, const Stmt &Before) const;

  /// The innermost `try` whose try block (not a handler) holds \p S, or null.
  const CXXTryStmt *innermostTry(const Stmt &S) const;
  /// The block an exception thrown at \p S goes to: the one that dispatches
  /// to the handlers of innermostTry(S); null when it leaves the function.
  /// The graph itself has no such edges (see FlowFacts' TryBlocks).
  const CFGBlock *exceptionTarget(const Stmt &S) const;
  /// The block that starts \p Handler.
  const CFGBlock *handlerBlock(const CXXCatchStmt &Handler) const;

  /// True when every path from the start of \p From to the function's exit
  /// evaluates an element for which \p Passes holds. Exceptions are followed
  /// only where a `throw` is written: a handler the graph enters is the start
  /// of paths of its own.
  bool everyPathPasses(const CFGBlock &From,
                       llvm::function_ref<bool(const Stmt &)> Passes) const;

private:
  FunctionFlow(std::unique_ptr<CFG> Graph, const Stmt &Body,
               ASTContext &Context);

  std::unique_ptr<CFG> Graph;
  const Stmt *Body;
  utils::ExprSequence Sequence;
  utils::StmtToBlockMap Blocks;
  TryBlocks Tries;
};

/// Builds the flow of each function a check asks about at most once per
/// translation unit (failures included), and none for the others.
class FunctionFlowCache {
public:
  /// Null when FunctionFlow::build fails for \p Function.
  const FunctionFlow *get(const FunctionDecl &Function, ASTContext &Context);

private:
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionFlow>> Flows;
};

} // namespace clang::tidy::coroscope

#endif
