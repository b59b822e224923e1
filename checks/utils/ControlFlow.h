//===--- ControlFlow.h - a function's control flow, on request --*- C++ -*-===//
//
// The control-flow graph of one function body, built only when it can be
// trusted, and what flow-sensitive checks ask of it: reachability, which
// block holds a statement, the evaluation order inside a block (the rules of
// clang-tidy's ExprSequence, which bugprone-use-after-move uses, over the
// body's own parent links rather than the ASTContext's parent map, which
// indexes the whole translation unit), how a path leaves the
// function, where an exception goes, and whether every path passes some
// statement. Building a CFG costs more than matching, so checks build one
// only for the functions in which they found a candidate. Beside it, an index
// of a function's calls of some functions by the object each acts on, for a
// check that asks about many resources of one function.
//
// Exceptions: built without exception edges, clang's CFG enters a handler
// only from a `throw` written in its try block. An analysis that must follow
// a call or `co_await` that may throw asks exceptionTarget() where it goes:
// the block that dispatches to the handlers of the innermost enclosing `try`
// (and on to the enclosing try's, or to the exit, when none catches all).
// The graph itself gains no edges, and a statement outside every `try` has
// no exception target: the exit's predecessors stay the blocks that return,
// fall off the end, or throw past every handler (see exceptionalExit), which
// is what tells a path that finishes normally from one that fails.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_CONTROLFLOW_H
#define COROSCOPE_CHECKS_UTILS_CONTROLFLOW_H

#include "utils/ExpressionFacts.h"
#include "utils/FunctionBody.h"
#include "utils/NameList.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <map>
#include <memory>
#include <optional>

namespace clang::tidy::coroscope {

/// The CFG of \p Function's body (for a coroutine, the body as written,
/// without the compiler's suspensions), every expression an element of its
/// own before the expression it is part of, or null when there is none to
/// trust: no body, a dependent context (analyze the instantiations instead),
/// a body that holds errors (holdsErrors: half-typed code in clangd), or a
/// graph clang cannot build.
std::unique_ptr<CFG> buildFunctionCFG(const FunctionDecl &Function,
                                      ASTContext &Context);

/// The blocks reachable from \p From (including it), indexed by block ID.
llvm::BitVector reachableFrom(const CFG &Graph, const CFGBlock &From);

/// The blocks from which \p To is reachable (including it), by block ID.
llvm::BitVector reaching(const CFG &Graph, const CFGBlock &To);

/// The blocks from which one of \p To is reachable (including them), by block
/// ID.
llvm::BitVector reaching(const CFG &Graph, llvm::ArrayRef<const CFGBlock *> To);

/// The statement by which \p Block leaves the function with an exception: a
/// `throw`, a call that does not return (`std::rethrow_exception`,
/// `std::terminate`, any `[[noreturn]]` function), or a try statement none of
/// whose handlers matched; null when it has none.
const Stmt *exceptionalExit(const CFGBlock &Block);

/// When \p Block branches on \p Condition (under parentheses, implicit
/// casts and `!`: `if (m.try_lock())`, `while (!m.try_lock())`), the
/// successor taken when \p Condition is true, null when that one cannot be
/// reached; std::nullopt when \p Block branches on something else.
std::optional<const CFGBlock *> successorWhenTrue(const CFGBlock &Block,
                                                  const Expr &Condition);

/// The value \p Block branches on: its terminator's condition, except in
/// the block that evaluates the last operand of a `&&` or `||` chain, which
/// branches on that operand (in `if (f.failed() && !error)` the block of
/// `!error` is reached only when `f.failed()` holds); null when none.
const Expr *branchCondition(const CFGBlock &Block);

/// The successors of \p Block that control may go on to: when it branches
/// on an evident value (see evidentBoolean) only the one taken, since
/// Boost.Test's assertions are `do { ... } while (dummy_cond())`, which
/// never loops; otherwise all of them, unreachable ones as null.
llvm::SmallVector<const CFGBlock *, 2> takenSuccessors(const CFGBlock &Block);

/// One function body's CFG (every expression an element) and the maps over
/// it.
class FunctionFlow {
public:
  /// Null when buildFunctionCFG has no graph to trust: checks then stay
  /// quiet.
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
  /// True when \p Before is evaluated before \p After.
  bool inSequence(const Stmt &Before, const Stmt &After) const;

  /// The statement of the body that \p S, an element of the graph, stands
  /// for: the CFG splits `int a, b;` into one declaration per variable.
  const Stmt &original(const Stmt &S) const;
  /// The statement directly holding \p S in the body, or null for the body
  /// and for statements that are not part of it.
  const Stmt *parent(const Stmt &S) const;
  /// True when \p Descendant is \p Ancestor or lies inside it.
  bool isDescendantOrEqual(const Stmt &Descendant, const Stmt &Ancestor) const;
  /// True when the body has a label, so that a `goto` may lead anywhere.
  bool hasLabels() const { return HasLabels; }

  // Where an exception goes. The graph has no exception edges; these say
  // where an exception thrown at a statement is caught in the body. Which of
  // a try statement's handlers an exception of a known class reaches is
  // handlersReached (ExceptionFacts.h).

  /// The innermost `try` whose try block (not a handler) holds \p S, or null:
  /// the try statement whose handlers see what \p S throws.
  const CXXTryStmt *innermostTry(const Stmt &S) const;
  /// The block an exception thrown at \p S goes to: the one that dispatches
  /// to the handlers of innermostTry(S); null when it leaves the function.
  const CFGBlock *exceptionTarget(const Stmt &S) const;
  /// The block that starts \p Handler, or null when no path enters it.
  const CFGBlock *handlerBlock(const CXXCatchStmt &Handler) const {
    return HandlerBlocks.lookup(&Handler);
  }

  /// True when every path from \p From to the function's exit evaluates an
  /// element for which \p Passes holds. Exceptions are followed only where a
  /// `throw` is written: a handler the graph enters is the start of paths of
  /// its own.
  bool everyPathPasses(const CFGBlock &From,
                       llvm::function_ref<bool(const Stmt &)> Passes) const;

  /// The blocks from whose start every path evaluates an element for which
  /// \p Passes holds before it reaches the function's exit or goes round a
  /// loop, by block ID: one pass over the graph for a question asked from
  /// many places of a long function.
  llvm::BitVector blocksWhereEveryPathPassesBeforeLooping(
      llvm::function_ref<bool(const Stmt &)> Passes) const;

  /// True when a path from element \p From of \p Block on may reach a
  /// suspension point (`co_await`, `co_yield`) for which \p Counts holds
  /// before the function ends.
  bool mayReachSuspension(const CFGBlock &Block, unsigned From,
                          llvm::function_ref<bool(const Stmt &)> Counts) const;

  /// True when whatever \p S throws is caught in this function and every
  /// handler it may reach goes on, on every path to the function's exit,
  /// through a statement for which \p Runs holds: inside the handler, or
  /// after it, as in `catch (...) { ep = std::current_exception(); }
  /// cleanup(); if (ep) std::rethrow_exception(ep);`.
  bool
  runsOnEveryExceptionalPath(const Stmt &S,
                             llvm::function_ref<bool(const Stmt &)> Runs) const;

private:
  FunctionFlow(std::unique_ptr<CFG> Graph, const Stmt &Body);

  /// The sibling evaluated right after \p S where the language orders it and
  /// the CFG does not show it (a comma's operands, an initializer list, the
  /// statements of a block), or null.
  const Stmt *sequenceSuccessor(const Stmt &S) const;

  std::unique_ptr<CFG> Graph;
  const Stmt *Body;
  StatementParents Parents;
  /// The block listing each element; the last one for an element listed
  /// twice.
  llvm::DenseMap<const Stmt *, const CFGBlock *> Blocks;
  /// What each DeclStmt the CFG split from a multi-variable one comes from.
  llvm::DenseMap<const Stmt *, const Stmt *> SyntheticSources;
  llvm::DenseMap<const Stmt *, const CXXTryStmt *> InnermostTry;
  /// The block whose successors are a try statement's handlers.
  llvm::DenseMap<const CXXTryStmt *, const CFGBlock *> Dispatch;
  llvm::DenseMap<const CXXCatchStmt *, const CFGBlock *> HandlerBlocks;
  bool HasLabels = false;
  /// For indexIn, the first index of each element in each block listing it:
  /// it is asked for every candidate, and a search of the block each time
  /// is quadratic in a long straight-line function.
  llvm::DenseMap<std::pair<const CFGBlock *, const Stmt *>, unsigned> Indices;
};

/// Where some elements of a flow are, as asked whether one of them may
/// follow a point: the last of them in each block, and, once asked, the
/// blocks from which one is reachable.
class FlowElements {
public:
  void add(const CFGBlock &Block, unsigned Index) { LastIndex[&Block] = Index; }
  /// True when one of the elements may follow element \p Index of \p Block
  /// in \p Graph: later in the block, or in a block reachable from it.
  bool mayFollow(const CFG &Graph, const CFGBlock &Block, unsigned Index);

private:
  llvm::DenseMap<const CFGBlock *, unsigned> LastIndex;
  std::optional<llvm::BitVector> Reaching;
};

/// The calls in one function body of the functions a NameList names, by the
/// objects each acts on (the object of a member call, and every argument; by
/// accessPath), found in one walk of the body and one of its flow: a check
/// that asks, for each of many resources, where the function releases it
/// looks each up here instead of walking the function once per resource.
///
/// A list of objects to look up may hold the empty path, which stands for
/// any object: every call of the functions.
class CallsByObject {
public:
  /// Indexes the calls among the statements of \p Body (forEachOwnStatement);
  /// those among the elements of its flow when one is first asked about.
  CallsByObject(const Stmt &Body, const NameList &Callees,
                const SourceManager &SM);

  /// True when \p S is a call of one of the functions on one of \p Objects.
  bool isCallOn(const Stmt &S, llvm::ArrayRef<AccessPath> Objects) const;

  /// The call on one of \p Objects that comes first in source order, or null.
  const CallExpr *first(llvm::ArrayRef<AccessPath> Objects) const;

  /// True when a call on one of \p Objects may follow element \p Index of
  /// \p Block in \p Flow, the flow of the body: later in the block, or in a
  /// block reachable from it.
  bool mayFollow(const FunctionFlow &Flow, const CFGBlock &Block,
                 unsigned Index, llvm::ArrayRef<AccessPath> Objects);

private:
  struct Calls {
    const CallExpr *First = nullptr;
    /// Where the walk met First: of two calls at one location, the first
    /// met comes first.
    unsigned FirstOrder = 0;
    /// Where these calls are in the flow.
    FlowElements InFlow;
  };

  /// The paths under which \p S is indexed: the empty path and the objects
  /// it acts on; none when it calls none of the functions.
  llvm::SmallVector<AccessPath, 2> keysOf(const Stmt &S) const;

  /// Whether call \p A comes before call \p B in the source: by location
  /// in the translation unit, then by the order the walk met them.
  bool before(const Calls &A, const Calls &B) const;

  const NameList &Callees;
  const SourceManager &SM;
  std::map<AccessPath, Calls> ByObject;
  bool FlowIndexed = false;
};

} // namespace clang::tidy::coroscope

#endif
