//===--- FunctionFlow.h - a function's control flow, on request -*- C++ -*-===//
//
// The control-flow graph of one function body, with what flow-sensitive
// checks ask of it: which block holds a statement, the evaluation order
// inside a block (clang-tidy's ExprSequence, as bugprone-use-after-move uses
// it), where a handler starts, and whether every path passes some statement.
// Building a CFG costs more than matching, so checks build one only for the
// functions in which they found a candidate, through FunctionFlowCache.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_FUNCTIONFLOW_H
#define COROSCOPE_CHECKS_UTILS_FUNCTIONFLOW_H

#include "clang-tidy/utils/ExprSequence.h"
#include "clang/AST/Decl.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <memory>
#include <optional>

namespace clang::tidy::coroscope {

/// The statements a function's author wrote as its body: for a coroutine the
/// body inside the compiler's CoroutineBodyStmt (without the promise, the
/// initial and final suspends), otherwise the body itself. Null without one.
const Stmt *writtenBody(const FunctionDecl &Function);

/// The definition of \p Function, or, when it has not been instantiated, of
/// the template member it would be instantiated from; null without either.
const FunctionDecl *definitionOrPattern(const FunctionDecl &Function);

/// Calls \p Visit for \p Body and every statement below it, except those of
/// lambdas and local classes defined in it, which are functions of their own
/// (a lambda's captures are visited: they are evaluated where it is written).
void forEachOwnStmt(const Stmt &Body,
                    llvm::function_ref<void(const Stmt &)> Visit);

/// Calls \p Visit for each statement enclosing \p S in its own function (or
/// lambda), innermost first, with the child on the way from \p S; stops when
/// Visit returns true, and returns whether it did.
bool anyEnclosingStmt(
    const Stmt &S, ASTContext &Context,
    llvm::function_ref<bool(const Stmt &Parent, const Stmt &Child)> Visit);

/// The co_await or co_yield that suspends at CFG element \p Element: the
/// expression itself, or its `await_suspend` call, which is where the CFG
/// shows the suspension when it does not list the expression as an element
/// of its own (e.g. as an operand). Null for any other element.
const Expr *suspensionAt(const Stmt &Element, ASTContext &Context);

/// Whether the CFG has an edge from every call that may throw to the handlers
/// of its `try` (or to the exit). Without, a handler is reached only by an
/// explicit `throw`.
enum class ExceptionEdges { Omit, Add };

/// One function body's CFG and the maps over it.
class FunctionFlow {
public:
  /// Null when the function has no body, its body holds errors, or no CFG can
  /// be built for it: checks then stay quiet.
  static std::unique_ptr<FunctionFlow>
  build(const FunctionDecl &Function, ASTContext &Context,
        ExceptionEdges Edges = ExceptionEdges::Omit);

  const CFG &cfg() const { return *Graph; }
  const Stmt &body() const { return *Body; }

  /// The innermost block evaluating \p S, or null when \p S is not part of
  /// this body.
  const CFGBlock *blockOf(const Stmt &S) const;
  /// Where \p S is a top-level element of \p Block, its index there.
  std::optional<unsigned> indexIn(const CFGBlock &Block, const Stmt &S) const;

  /// True when \p After may be evaluated after \p Before; both in one block.
  bool potentiallyAfter(const Stmt &After, const Stmt &Before) const;

  /// The block that starts \p Handler (reached when an exception is caught).
  const CFGBlock *handlerBlock(const CXXCatchStmt &Handler) const;

  /// True when every path from the start of \p From to the function's exit
  /// evaluates an element for which \p Passes holds. Exceptions are followed
  /// as far as the CFG has edges for them (see ExceptionEdges).
  bool everyPathPasses(const CFGBlock &From,
                       llvm::function_ref<bool(const Stmt &)> Passes) const;

private:
  FunctionFlow(std::unique_ptr<CFG> Graph, const Stmt &Body,
               ASTContext &Context);

  std::unique_ptr<CFG> Graph;
  const Stmt *Body;
  utils::ExprSequence Sequence;
  utils::StmtToBlockMap Blocks;
};

/// Builds the flow of each function a check asks about at most once per
/// translation unit (failures included), and none for the others.
class FunctionFlowCache {
public:
  explicit FunctionFlowCache(ExceptionEdges Edges = ExceptionEdges::Omit)
      : Edges(Edges) {}

  /// Null when FunctionFlow::build fails for \p Function.
  const FunctionFlow *get(const FunctionDecl &Function, ASTContext &Context);

private:
  ExceptionEdges Edges;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionFlow>> Flows;
};

} // namespace clang::tidy::coroscope

#endif
