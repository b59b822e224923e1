//===--- ExceptionFacts.h - what may throw ----------------------*- C++ -*-===//
//
// Shared knowledge about exceptional paths: which operations may throw, so
// that checks agree on where an error (or a cancellation) can leave a scope.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_EXCEPTIONFACTS_H
#define COROSCOPE_CHECKS_UTILS_EXCEPTIONFACTS_H

#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>

namespace clang::tidy::coroscope {

/// True when evaluating \p S itself (its own expressions, not the bodies of
/// lambdas it defines) may throw: a call or construction not known to be
/// non-throwing, a `throw`, a `new` that can fail, a `dynamic_cast` to a
/// reference, or a `co_await`/`co_yield` whose operand or `await_resume` may
/// throw — which is how cancellation arrives in most libraries.
bool mayThrow(const Stmt &S);

/// True when a call to \p Function cannot throw: `noexcept`, `throw()`, a
/// builtin, a function with C language linkage, a destructor (implicitly
/// `noexcept` unless declared otherwise), or `std::coroutine_handle::destroy`
/// (it runs destructors only).
bool isNonThrowing(const FunctionDecl &Function);

/// The `std::exception_ptr` that \p S rethrows by calling
/// `std::rethrow_exception`, or null.
const Expr *rethrownPointer(const Stmt &S);

/// Reads a condition on an exception pointer (one that \p IsPointer
/// recognizes): true when the condition holding means the pointer holds an
/// exception (`ep`, `ep != nullptr`, `bool(ep)`), false when it means the
/// pointer is null (`!ep`, `ep == nullptr`), std::nullopt when the condition
/// tests something else.
std::optional<bool>
testsExceptionPointer(const Expr &Condition,
                      llvm::function_ref<bool(const Expr &)> IsPointer);
/// Calls \p Visit on each outermost operation in \p S that may throw, as
/// mayThrow decides it: a `co_await`/`co_yield` counts as one operation
/// together with its operand, a call or construction as itself, so that a
/// check reports what the user wrote. Calls of functions (and constructions
/// of classes, through their constructor) for which \p AssumeNonThrowing
/// holds do not count.
void forEachThrowingOperation(
    const Stmt &S,
    llvm::function_ref<bool(const FunctionDecl &)> AssumeNonThrowing,
    llvm::function_ref<void(const Stmt &)> Visit);

} // namespace clang::tidy::coroscope

#endif
