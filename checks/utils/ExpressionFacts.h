//===--- ExpressionFacts.h - what an expression denotes ---------*- C++ -*-===//
//
// The compiler wraps what the user wrote in implicit casts, temporaries,
// copies and moves. These helpers look through them, each as far as a
// question allows: to the value a statement discards, to the variable a value
// was copied from, or to the object an expression denotes.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_EXPRESSIONFACTS_H
#define COROSCOPE_CHECKS_UTILS_EXPRESSIONFACTS_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

namespace clang::tidy::coroscope {

/// True for a call of the function `std::<Name>`.
bool isStdCall(const Stmt &S, llvm::StringRef Name);

/// True for a call of `std::move` or `std::forward`.
bool isMoveOrForward(const CallExpr &Call);

/// Strips what the compiler adds around a value it discards or passes on:
/// cleanups, temporaries, implicit casts and parentheses.
const Expr *skipImplicitWrappers(const Expr *E);

/// Strips what only copies or converts a value: skipImplicitWrappers, copy
/// and move constructions, `std::move`.
const Expr *stripCopies(const Expr *E);

/// The variable whose value \p E is (see stripCopies), or null.
const VarDecl *copiedVariable(const Expr *E);

/// Strips what does not change which object an expression denotes:
/// parentheses, implicit conversions, temporaries, `std::move`,
/// `std::forward` and casts to an rvalue reference.
const Expr *ignoringMoves(const Expr *E);

/// The declarations along the access path \p E denotes, outermost first: a
/// variable, or `this` (a null entry), followed by members; through `*`, `&`,
/// `->`, the `*`/`->` of smart pointers and ignoringMoves. Empty when \p E is
/// not such a path.
using AccessPath = llvm::SmallVector<const Decl *, 4>;
AccessPath accessPath(const Expr *E);

/// True when \p A and \p B denote the same object: the same variable, the
/// same member of the same object, or `this` (the same non-empty accessPath).
bool isSameObject(const Expr &A, const Expr &B);

/// The variable \p E denotes as an object (see isSameObject), or null.
const VarDecl *denotedVariable(const Expr &E);

/// The variable, or the member of `this`, \p E denotes as an object (see
/// isSameObject), or null.
const ValueDecl *denotedObject(const Expr &E);

/// The value of \p E when it is evident without evaluating anything: `true`
/// or `false`, or a call of a function whose body is only `return true;` or
/// `return false;` (Boost.Test's `do { ... } while (dummy_cond())`, an
/// awaiter's `await_ready`); std::nullopt otherwise.
std::optional<bool> evidentBoolean(const Expr &E);

} // namespace clang::tidy::coroscope

#endif
