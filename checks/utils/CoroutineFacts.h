//===--- CoroutineFacts.h - what coroutine types and code are ---*- C++ -*-===//
//
// The shared knowledge of every coroscope check: what an awaitable is, what a
// task is and whether it starts lazily, which functions are coroutines, and
// what a suspension point is. Recognition is structural, so it works on any
// coroutine library, not on a list of names.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_COROUTINEFACTS_H
#define COROSCOPE_CHECKS_UTILS_COROUTINEFACTS_H

#include "utils/NameList.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::coroscope {

/// How a task's body starts once the task object exists.
enum class TaskStart {
  NotATask, ///< an awaitable that is not a coroutine return type
  Lazy,     ///< initial_suspend never ready: the body runs only when awaited
  Eager,    ///< initial_suspend always ready: the body already runs
  Unknown,  ///< a task whose initial_suspend cannot be decided statically
};

struct AwaitableFacts {
  bool IsAwaitable = false;
  TaskStart Start = TaskStart::NotATask;
  /// Awaiting consumes it: its `operator co_await` takes `*this` as an rvalue.
  bool AwaitConsumes = false;

  bool isTask() const { return Start != TaskStart::NotATask; }
  bool isLazyTask() const { return Start == TaskStart::Lazy; }
};

/// Answers "what is this type to a coroutine?" and caches the answer per
/// record, so a check can ask for every expression it sees. One instance
/// belongs to one check, which lives for one translation unit.
class CoroutineFacts {
public:
  /// \p ExtraAwaitables names types to treat as awaitable even though they
  /// show none of the structure (the `AwaitableTypes` option).
  explicit CoroutineFacts(const NameList &ExtraAwaitables);

  /// Facts about the (non-dependent) type of a value; a reference or pointer
  /// is not awaitable itself.
  AwaitableFacts classify(QualType Type);

private:
  AwaitableFacts classifyRecord(const CXXRecordDecl &Record);

  const NameList &ExtraAwaitables;
  llvm::DenseMap<const CXXRecordDecl *, AwaitableFacts> Cache;
};

/// True for a function (or lambda call operator) whose body is a coroutine.
bool isCoroutine(const FunctionDecl &Function);

/// The function or lambda whose body \p S belongs to, or null. A statement
/// inside a lambda belongs to the lambda, not to the function around it.
const FunctionDecl *enclosingFunction(const Stmt &S, ASTContext &Context);

/// True for `co_await` and `co_yield` expressions, where a coroutine may
/// suspend and where cancellation is observed.
bool isSuspensionPoint(const Stmt &S);

/// True when \p S lies inside a `catch` handler of its function, where the
/// language forbids `co_await`.
bool isInsideHandler(const Stmt &S, ASTContext &Context);

/// Calls \p Visit on every statement and expression that running \p Root
/// evaluates in its own function, in source order: not the bodies of lambdas
/// or local classes it defines (a lambda's captures are initialized here and
/// are visited), nor the awaiter calls the compiler adds to `co_await`. For a
/// coroutine's body this is the code as the user wrote it.
void forEachOwnStatement(const Stmt &Root,
                         llvm::function_ref<void(const Stmt &)> Visit);

/// The first `co_await` or `co_yield` that \p Root evaluates in its own
/// function (see forEachOwnStatement), or null.
const Expr *findSuspensionPoint(const Stmt &Root);

/// Strips what the compiler adds around a value it discards or passes on:
/// cleanups, temporaries, implicit casts and parentheses.
const Expr *skipImplicitWrappers(const Expr *E);

} // namespace clang::tidy::coroscope

#endif
