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

#include "utils/FunctionBody.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <optional>
#include <tuple>

namespace clang::tidy::coroscope {

/// True when \p Handler's body holds `throw;` or `std::current_exception()`:
/// the only handlers whose exception can be rethrown after other work.
bool mayRethrowLater(const CXXCatchStmt &Handler);

/// The `try` statement each handler belongs to, found without building
/// anything: one pass over a function's body, the first time a handler of it
/// is asked about.
class HandlerTries {
public:
  /// The `try` statement \p Handler of \p Function belongs to.
  const CXXTryStmt *tryOf(const CXXCatchStmt &Handler,
                          const FunctionDecl &Function);

private:
  llvm::DenseSet<const FunctionDecl *> Indexed;
  llvm::DenseMap<const CXXCatchStmt *, const CXXTryStmt *> Tries;
};

/// A handler together with the function (or lambda) it belongs to.
struct HandlerInFunction {
  const FunctionDecl *Function;
  const CXXCatchStmt *Handler;
};

/// What to analyze for a handler a matcher found: the handler itself in a
/// function that is not a template; in a generic lambda, its counterpart in
/// each of the lambda's instantiations, which matchers never visit; nothing
/// in other templates, whose instantiations are matched themselves.
llvm::SmallVector<HandlerInFunction, 1>
analyzableInstances(const CXXCatchStmt &Handler, EnclosingFunctions &Functions);

/// The handlers of a `try` that an exception thrown in its block reaches.
using HandlerSelector =
    llvm::function_ref<llvm::SmallVector<const CXXCatchStmt *, 2>(
        const CXXTryStmt &)>;

/// Every handler of \p Try, for an exception of unknown type.
llvm::SmallVector<const CXXCatchStmt *, 2> allHandlers(const CXXTryStmt &Try);

/// The paths through the handlers of one function (or lambda). Builds the
/// function's CFG once; ask valid() before anything else.
class ExceptionPaths {
public:
  ExceptionPaths(const FunctionDecl &Function, ASTContext &Context);
  ~ExceptionPaths();
  ExceptionPaths(const ExceptionPaths &) = delete;
  ExceptionPaths &operator=(const ExceptionPaths &) = delete;

  /// False when the function has no body, the translation unit has errors,
  /// or the CFG cannot be built; nothing can be said about it then.
  bool valid() const { return Graph != nullptr; }
  const FunctionDecl &function() const { return Function; }

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
  };

  /// The first path (in source order) through \p Handler on which its
  /// exception is dropped; std::nullopt when every path rethrows it (`throw;`,
  /// `std::rethrow_exception` of it or of the `exception_ptr` it was captured
  /// in), throws another exception, hands it on (passes the captured
  /// `exception_ptr` or `std::current_exception()` to a call, stores it
  /// outside the function's locals, returns it) or ends in a `[[noreturn]]`
  /// call. A `throw;` inside a `try` nested in the handler is followed into
  /// the handlers \p Receivers selects.
  std::optional<Drop> findDrop(const CXXCatchStmt &Handler,
                               HandlerSelector Receivers);

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
  /// entry to a rethrow of its exception, and for every `throw` of another
  /// exception reached while a captured exception waits (a handler that
  /// throws another exception itself translates it on purpose). Paths that
  /// several handlers share are walked once: a statement may be left out
  /// when an earlier call on this object visited it with the same Pending.
  void forEachPending(const CXXCatchStmt &Handler, HandlerSelector Receivers,
                      llvm::function_ref<void(const Pending &)> Visit);

  /// The `try` inside the function that catches what \p S throws, unless it
  /// also encloses \p Handler (then the exception leaves the paths that
  /// start in the handler); null when there is none.
  const CXXTryStmt *localTry(const Stmt &S, const CXXCatchStmt &Handler) const;

private:
  struct Node;
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
  ASTContext &Context;
  const Stmt *Body = nullptr;
  std::unique_ptr<CFG> Graph;
  std::unique_ptr<StatementParents> Parents;
  llvm::DenseMap<const CXXCatchStmt *, const CFGBlock *> HandlerBlocks;
  /// The CFG splits `int a, b;` into one declaration statement per variable;
  /// these map back to the statement in the body.
  llvm::DenseMap<const Stmt *, const Stmt *> SyntheticDecls;
  /// What walks found on from a node, by its CFG block and holder, and the
  /// try statement around the walk's handler's own `try` (Walk::Outer).
  llvm::DenseMap<
      std::tuple<const CFGBlock *, const VarDecl *, const CXXTryStmt *>,
      Explored>
      ExploredFrom;
  /// The statements run on those paths, by the same try statement.
  llvm::DenseSet<std::pair<const Stmt *, const CXXTryStmt *>>
      ExploredStatements;
  /// A `goto` can lead anywhere, back into a handler's own `try` too.
  bool HasLabels = false;
};

} // namespace clang::tidy::coroscope

#endif
