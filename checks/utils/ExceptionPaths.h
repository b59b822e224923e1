//===--- ExceptionPaths.h - where a caught exception goes -------*- C++ -*-===//
//
// A handler may end the life of the exception it caught (the path goes on as
// if nothing happened) or send it on: `throw;`, a `[[noreturn]]` call, or the
// capture idiom that coroutines need because `co_await` is not allowed in a
// handler:
//
//   std::exception_ptr ep;
//   try { co_await body(); } catch (...) { ep = std::current_exception(); }
//   co_await cleanup();
//   if (ep) std::rethrow_exception(ep);
//
// ExceptionPaths follows every path through a handler on the function's CFG
// and says where the caught exception is dropped, and what runs while it
// waits to be rethrown.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_EXCEPTIONPATHS_H
#define COROSCOPE_CHECKS_UTILS_EXCEPTIONPATHS_H

#include "utils/ControlFlow.h"
#include "utils/FunctionBody.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <tuple>

namespace clang::tidy::coroscope {

/// True when \p Handler's body holds `throw;` or `std::current_exception()`:
/// the only handlers whose exception can be rethrown after other work.
bool mayRethrowLater(const CXXCatchStmt &Handler);

/// A handler, the `try` statement it belongs to, and the function (or
/// lambda) they are part of.
struct HandlerInFunction {
  const FunctionDecl *Function;
  const CXXTryStmt *Try;
  const CXXCatchStmt *Handler;
};

/// What to analyze for a handler a matcher found: the handler itself in a
/// function that is not a template; in a generic lambda, its counterpart in
/// each of the lambda's instantiations, which matchers never visit; nothing
/// in other templates, whose instantiations are matched themselves.
llvm::SmallVector<HandlerInFunction, 1>
analyzableInstances(const CXXCatchStmt &Handler, EnclosingFunctions &Functions);

/// The paths through the handlers of one function (or lambda), over its
/// flow. One instance serves every check while the walk is inside the
/// function (EnclosingFunctions::exceptionPathsOf): paths that do not depend
/// on the handler a walk started from are remembered, and later walks, of
/// this check or another, stop where they join them.
class ExceptionPaths {
public:
  ExceptionPaths(const FunctionDecl &Function, const FunctionFlow &Flow,
                 ASTContext &Context);
  ~ExceptionPaths();
  ExceptionPaths(const ExceptionPaths &) = delete;
  ExceptionPaths &operator=(const ExceptionPaths &) = delete;

  /// Whether walks reuse what earlier walks found. On unless the environment
  /// sets COROSCOPE_EXCEPTION_PATH_MEMO=off, which the test suite does to
  /// show that the memo changes no finding.
  static bool memoEnabled();

  /// How a path lets the function go on with the caught exception dropped.
  enum class DropKind {
    LeavesHandler, ///< control leaves the handler without rethrowing
    Returns,       ///< a `return`/`co_return` completes the function normally
    Overwritten,   ///< the exception_ptr holding it is assigned or redeclared
    OutOfScope,    ///< the exception_ptr holding it is local to the handler
    FallsOffEnd,   ///< the function completes holding it, never rethrown
  };
  struct Drop {
    DropKind Kind;
    /// Where it happens: the statement, or the brace control passes.
    SourceLocation Loc;
    /// The exception_ptr that held the exception, when it was captured.
    const VarDecl *Holder = nullptr;
    /// Where the function goes on after it: the element at ContinuesAt in
    /// Continues; null when the function ends there.
    const CFGBlock *Continues = nullptr;
    unsigned ContinuesAt = 0;
  };

  /// What findDrop looks for.
  struct DropSearch {
    /// The classes the caught exception may be of (of an unknown class
    /// when empty): a `throw;` of it inside a `try` nested in the handler
    /// is followed into the handlers that class reaches (handlersReached).
    llvm::ArrayRef<const CXXRecordDecl *> Caught;
    /// For a branch on a condition inside the handler: true when the
    /// caught exception takes the branch on which the condition holds,
    /// false when it takes the other, std::nullopt when it may take both
    /// (`if (e.code() == asio::error::operation_aborted) throw;`). Null:
    /// both, always.
    llvm::function_ref<std::optional<bool>(const Expr &Condition)> Branch =
        nullptr;
    /// Whether a drop counts; null: every drop does. A path ends at a drop
    /// that does not count.
    llvm::function_ref<bool(const Drop &)> Counts = nullptr;
  };

  /// The first path (in source order) through \p Handler on which its
  /// exception is dropped, as \p Search says what counts; std::nullopt when
  /// every path rethrows it (`throw;`, `std::rethrow_exception` of it or of
  /// the `exception_ptr` it was captured in), throws another exception,
  /// hands it on (passes the captured `exception_ptr` or
  /// `std::current_exception()` to a call, stores it outside the function's
  /// locals, returns it) or ends in a `[[noreturn]]` call.
  std::optional<Drop> findDrop(const CXXCatchStmt &Handler,
                               const DropSearch &Search);

  /// A statement that runs after \p Handler caught an exception and before
  /// that exception is rethrown.
  struct Pending {
    /// A full expression or declaration, as the CFG lists it.
    const Stmt *Element;
    /// The exception_ptr the exception waits in; null while still inside the
    /// handler, before any capture.
    const VarDecl *Holder;
    /// The rethrow it comes before; null for a `throw` of another exception
    /// while a captured one waits, which replaces it.
    const Stmt *Rethrow;
    /// Whether the statement is inside a `try` block that does not enclose
    /// the handler, so that its own handlers see what it throws.
    bool Guarded;
  };

  /// Calls \p Visit once for every statement on a path from \p Handler's
  /// entry to a rethrow of its exception (of one of the classes \p Caught, as
  /// findDrop follows it), and for every `throw` of another
  /// exception reached while a captured exception waits (a handler that
  /// throws another exception itself translates it on purpose). Paths that
  /// several handlers share are walked once: a statement may be left out
  /// when an earlier call on this object visited it with the same Pending.
  void forEachPending(const CXXCatchStmt &Handler,
                      llvm::ArrayRef<const CXXRecordDecl *> Caught,
                      llvm::function_ref<void(const Pending &)> Visit);

private:
  struct Node;
  /// The `try` inside the function that catches what \p S throws, unless it
  /// also encloses \p Handler (then the exception leaves the paths that
  /// start in the handler); null when there is none.
  const CXXTryStmt *localTry(const Stmt &S, const CXXCatchStmt &Handler) const;
  /// The CFG lists subexpressions as elements of their own, before the
  /// expression they belong to; the walk looks at whole expressions only.
  bool isFullExpression(const Stmt &S) const;
  struct Walk;

  /// What a walk found on the paths on from a node, when nothing on them
  /// depends on the handler it started from (see Walk::remember).
  struct Explored {
    /// The only rethrow those paths reach; null when they reach none.
    const Stmt *Rethrow;
    /// Whether one of them drops the exception.
    bool Drops;
  };

  const FunctionDecl &Function;
  const FunctionFlow &Flow;
  ASTContext &Context;
  /// What the walks of one kind found. Each kind keeps its own: a walk of
  /// findDrop shows no statement to a visitor, and one of forEachPending may
  /// stop short of a drop.
  struct Memo {
    /// What walks found on from a node, by its CFG block and holder, and
    /// the try statement around the walk's handler's own `try`
    /// (Walk::Outer).
    llvm::DenseMap<
        std::tuple<const CFGBlock *, const VarDecl *, const CXXTryStmt *>,
        Explored>
        ExploredFrom;
    /// The statements run on those paths, by the same try statement.
    llvm::DenseSet<std::pair<const Stmt *, const CXXTryStmt *>>
        ExploredStatements;
  };
  Memo DropWalks;
  Memo PendingWalks;
  /// The blocks from whose start every path throws before it loops or
  /// ends, by block ID; computed on the first drop that asks.
  std::optional<llvm::BitVector> ThrowsOnFromStart;
  /// True when every path on from element \p From of \p Block throws, the
  /// original exception or another one, before it loops or ends.
  bool throwsOnBeforeLooping(const CFGBlock &Block, unsigned From);
};

} // namespace clang::tidy::coroscope

#endif
