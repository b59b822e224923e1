//===--- ResourceFacts.h - objects, owners and guards -----------*- C++ -*-===//
//
// Shared knowledge about resources held by code: which expressions denote the
// same object, which class types clean up after themselves (RAII), and
// whether an RAII guard that was handed a resource is alive at a statement.
// Recognition is structural, so it works with any library's guards.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_RESOURCEFACTS_H
#define COROSCOPE_CHECKS_UTILS_RESOURCEFACTS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::coroscope {

/// True for a class type that cleans up after itself: its destructor, or a
/// base class's, is user-provided (a lease, a lock guard, a scope guard). A
/// destructor that is non-trivial only because of members does not count: a
/// struct that holds a `std::string` releases nothing.
bool isRAIIType(QualType Type);

/// True for a call of `std::move` or `std::forward`.
bool isMoveOrForward(const CallExpr &Call);

/// True when the destructor of \p Record, or of a base class, calls a
/// function for which \p Releases holds: the object releases what it holds
/// when it goes, as `std::unique_lock`'s destructor calls `unlock()`.
bool destructorCalls(const CXXRecordDecl &Record,
                     llvm::function_ref<bool(const FunctionDecl &)> Releases);

/// Strips what does not change which object an expression denotes:
/// parentheses, implicit conversions, temporaries, `std::move`,
/// `std::forward` and casts to an rvalue reference.
const Expr *ignoringMoves(const Expr *E);

/// True when \p A and \p B denote the same object: the same variable, the
/// same member of the same object, or `this`; through `*`, `&`, `->`, and the
/// `*`/`->` of smart pointers.
bool isSameObject(const Expr &A, const Expr &B);

/// The variable \p E denotes (see ignoringMoves), or null.
const VarDecl *denotedVariable(const Expr &E);

/// True when an RAII object (isRAIIType) in scope at \p S was handed the
/// resource when it was made: an expression for which \p IsResource holds is
/// passed to its constructor or factory by non-const reference or pointer (as
/// `std::lock_guard(m, std::adopt_lock)` takes it), or a lambda passed there
/// evaluates a statement for which \p IsRelease holds (a scope guard). Its
/// destructor then releases on every way out of the scope: a return, an
/// exception, and the destruction of a suspended coroutine.
bool guardedByRAII(const Stmt &S, ASTContext &Context,
                   llvm::function_ref<bool(const Expr &)> IsResource,
                   llvm::function_ref<bool(const Stmt &)> IsRelease);

} // namespace clang::tidy::coroscope

#endif
