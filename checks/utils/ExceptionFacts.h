//===--- ExceptionFacts.h - what may throw, and exception_ptr ---*- C++ -*-===//
//
// Shared knowledge about exceptional paths, so that checks agree on where an
// error (or a cancellation) can leave a scope.
//
// What may throw is judged at one of two levels:
// - by declarations (mayThrow, forEachThrowingOperation): a call of a
//   function that is not known to be non-throwing may throw. Cheap; what
//   most checks use, and what a rule about code as written needs.
// - by visible callee bodies (ThrowAnalysis): a direct call may throw only
//   when what the callee's body does may throw, as clang-tidy's
//   bugprone-exception-escape judges it; for a check that walks a CFG one
//   element at a time and must not blame a helper that cannot throw but was
//   never marked `noexcept`.
//
// And the pieces of the capture idiom that coroutines need because
// `co_await` is not allowed in a handler:
//   catch (...) { ep = std::current_exception(); }  ...  if (ep)
//   std::rethrow_exception(ep);
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_EXCEPTIONFACTS_H
#define COROSCOPE_CHECKS_UTILS_EXCEPTIONFACTS_H

#include "clang-tidy/utils/ExceptionAnalyzer.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::coroscope {

/// True when a call to \p Function cannot throw: `noexcept`, `throw()`, a
/// builtin, a function with C language linkage, a destructor (implicitly
/// `noexcept` unless declared otherwise), `std::coroutine_handle::destroy`
/// (it runs destructors only), or a standard stream's `<<` or `>>` (a
/// failure sets the stream's state unless `exceptions()` asked otherwise).
bool isNonThrowing(const FunctionDecl &Function);

/// By declarations: true when evaluating \p S itself (its own expressions,
/// not the bodies of lambdas it defines) may throw: a call or construction
/// not known to be non-throwing, a `throw`, a `new` that can fail, a
/// `dynamic_cast` to a reference, or a `co_await`/`co_yield` whose operand or
/// `await_resume` may throw — which is how cancellation arrives in most
/// libraries.
bool mayThrow(const Stmt &S);

/// By declarations: calls \p Visit on each outermost operation in \p S that
/// may throw, as mayThrow decides it: a `co_await`/`co_yield` counts as one
/// operation together with its operand, a call or construction as itself, so
/// that a check reports what the user wrote. Calls of functions (and
/// constructions of classes, through their constructor) for which
/// \p AssumeNonThrowing holds do not count.
void forEachThrowingOperation(
    const Stmt &S,
    llvm::function_ref<bool(const FunctionDecl &)> AssumeNonThrowing,
    llvm::function_ref<void(const Stmt &)> Visit);

/// By visible callee bodies: whether CFG elements may throw, judging a direct
/// call by its callee's body where the body is visible (through clang-tidy's
/// ExceptionAnalyzer) and by its declaration otherwise. One instance belongs
/// to one check, which lives for one translation unit: it caches what it
/// learns about each callee.
class ThrowAnalysis {
public:
  /// True when evaluating \p Element itself may throw: a call, a
  /// construction, a `throw`, a `new`, a `co_await`'s or `co_yield`'s own
  /// calls. Its operands are elements of their own in a CFG and are asked
  /// about separately.
  bool elementMayThrow(const Stmt &Element);
  /// True when a call to \p Callee may throw: by its declaration, or, when
  /// that does not say, by what its body does.
  bool calleeMayThrow(const FunctionDecl &Callee);

private:
  bool awaiterMayThrow(const CoroutineSuspendExpr &Suspend);

  utils::ExceptionAnalyzer Analyzer;
  llvm::DenseMap<const FunctionDecl *, bool> Callees;
};

/// True when \p Handler catches an exception object of class \p Exception:
/// a catch-all, the class itself, or an unambiguous base of it, by value or
/// by reference. A handler whose type is still dependent catches nothing yet.
bool handlerCatches(const CXXCatchStmt &Handler,
                    const CXXRecordDecl &Exception);

/// The handlers of \p Try that an exception thrown in its try block reaches:
/// for an exception of class \p Thrown, the first handler that catches it
/// (none when none does); for an exception of unknown class (null), every
/// handler, as any of them may be the first to match.
llvm::SmallVector<const CXXCatchStmt *, 2>
handlersReached(const CXXTryStmt &Try, const CXXRecordDecl *Thrown);

/// True for a call of `std::current_exception`.
bool isCurrentExceptionCall(const Stmt &S);

/// The `std::exception_ptr` that \p S rethrows by calling
/// `std::rethrow_exception`, or null.
const Expr *rethrownPointer(const Stmt &S);

/// Reads a condition on an exception pointer (one that \p IsPointer
/// recognizes, looked at through copies): true when the condition holding
/// means the pointer holds an exception (`ep`, `ep != nullptr`, `bool(ep)`),
/// false when it means the pointer is null (`!ep`, `ep == nullptr`),
/// std::nullopt when the condition tests something else.
std::optional<bool>
testsExceptionPointer(const Expr &Condition,
                      llvm::function_ref<bool(const Expr &)> IsPointer);

} // namespace clang::tidy::coroscope

#endif
