//===--- CoroutineFacts.h - what coroutine types and code are ---*- C++ -*-===//
//
// The shared knowledge of every coroscope check: what an awaitable is, what a
// task is and whether it starts lazily, which functions are coroutines, what a
// suspension point is, and what one `co_await` does to its operand.
// Recognition is structural, so it works on any coroutine library, not on a
// list of names.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_COROUTINEFACTS_H
#define COROSCOPE_CHECKS_UTILS_COROUTINEFACTS_H

#include "utils/FunctionBody.h"
#include "utils/NameList.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::coroscope {

/// How a task's body starts once the task object exists.
enum class TaskStart {
  NotATask, ///< an awaitable that is not a coroutine return type
  Lazy,     ///< initial_suspend never ready: the body runs only when awaited
  Eager,    ///< initial_suspend always ready: the body already runs
  Unknown,  ///< a task whose initial_suspend cannot be decided statically
};

struct TaskType;
struct LibraryProfile;
class LibraryProfiles;

struct AwaitableFacts {
  bool IsAwaitable = false;
  TaskStart Start = TaskStart::NotATask;
  /// Awaiting consumes it: its `operator co_await` takes `*this` as an rvalue.
  bool AwaitConsumes = false;
  /// What a library profile says of the type, and of which library; null
  /// when none does.
  const TaskType *Profiled = nullptr;
  const LibraryProfile *Library = nullptr;

  bool isTask() const { return Start != TaskStart::NotATask; }
  bool isLazyTask() const { return Start == TaskStart::Lazy; }
};

/// Answers "what is this type to a coroutine?" and caches the answer per
/// record, so a check can ask for every expression it sees. One instance
/// belongs to one check, which lives for one translation unit.
class CoroutineFacts {
public:
  /// \p ExtraAwaitables names types to treat as awaitable even though they
  /// show none of the structure (the `AwaitableTypes` option); \p Profiles
  /// name the library types whose nature structure cannot tell (a
  /// semi-awaitable task, an eager task whose initial awaiter looks lazy).
  CoroutineFacts(const NameList &ExtraAwaitables, LibraryProfiles &Profiles);

  /// Facts about the (non-dependent) type of a value; a reference or pointer
  /// is not awaitable itself.
  AwaitableFacts classify(QualType Type);

private:
  AwaitableFacts classifyRecord(const CXXRecordDecl &Record);

  const NameList &ExtraAwaitables;
  LibraryProfiles &Profiles;
  llvm::DenseMap<const CXXRecordDecl *, AwaitableFacts> Cache;
};

/// True when \p Record can be copied: a task type that can is shared, meant
/// to be awaited by each of its owners (a shared task, a shared future).
bool isCopyable(const CXXRecordDecl &Record);

/// True for a function (or lambda call operator) whose body is a coroutine.
bool isCoroutine(const FunctionDecl &Function);

/// True for `co_await` and `co_yield` expressions, where a coroutine may
/// suspend and where cancellation is observed.
bool isSuspensionPoint(const Stmt &S);

/// True for a `co_await` or `co_yield` whose awaiter's `await_ready()` is
/// written `return true;` (`std::suspend_never`, async_simple's
/// `co_await CurrentExecutor{}`): it never suspends, so no one can cancel or
/// destroy the coroutine there; only its calls may throw.
bool neverSuspends(const Stmt &S);

/// True for `await_ready`, `await_suspend` and `await_resume`: the calls
/// the compiler makes in a `co_await`, which libraries often leave without
/// `noexcept` even where their bodies cannot throw (Seastar's
/// `coroutine::as_future`, whose whole point is not to throw).
bool isAwaiterMember(const FunctionDecl &Function);

/// What the suspension point \p S awaits or yields, as written, also in a
/// template where the promise is dependent (`co_await pool.schedule()` in a
/// `task<T>`); null for anything else.
const Expr *awaitedOperand(const Stmt &S);

/// The call whose result the suspension point \p S awaits (`co_await
/// pool.schedule()`), under moves and implicit wrappers, also in a
/// template; null when it awaits anything else.
const CallExpr *awaitedCall(const Stmt &S);

/// True for what the compiler made of a `co_await` or `co_yield`
/// (`operator co_await`, `await_ready`, `await_suspend`, `await_resume` and
/// what they are made of), as opposed to the operand, which is the user's. A
/// CFG lists these parts before the suspension itself, which stands for them
/// all.
bool isAwaiterPart(const Stmt &Element, EnclosingFunctions &Functions);

/// True when \p Await hands its operand to an `operator co_await` that takes
/// it as an rvalue (`operator co_await() &&`, or a free `operator
/// co_await(T &&)`): the await consumes the operand.
bool awaitConsumesOperand(const CoawaitExpr &Await);

/// True when the awaiter of \p Await reports ready once the awaited
/// coroutine has finished (its `await_ready` asks the handle's `done()`):
/// awaiting a finished task again then completes at once, with the stored
/// result, instead of resuming a finished coroutine.
bool readyOnceDone(const CoawaitExpr &Await);

} // namespace clang::tidy::coroscope

#endif
