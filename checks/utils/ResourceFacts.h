//===--- ResourceFacts.h - RAII types, lock owners and guards ---*- C++ -*-===//
//
// Shared knowledge about resources held by code: which class types clean up
// after themselves (RAII), the standard library's lock owners, and whether an
// RAII guard that was handed a resource is alive at a statement. Recognition
// is structural, so it works with any library's guards.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_RESOURCEFACTS_H
#define COROSCOPE_CHECKS_UTILS_RESOURCEFACTS_H

#include "utils/FunctionBody.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::coroscope {

/// True for a class type that cleans up after itself: its destructor, or a
/// base class's, is user-provided (a lease, a lock guard, a scope guard). A
/// destructor that is non-trivial only because of members does not count: a
/// struct that holds a `std::string` releases nothing.
bool isRAIIType(QualType Type);

/// True when the destructor of \p Record, or of a base class, calls a
/// function for which \p Releases holds: the object releases what it holds
/// when it goes, as `std::unique_lock`'s destructor calls `unlock()`.
bool destructorCalls(const CXXRecordDecl &Record,
                     llvm::function_ref<bool(const FunctionDecl &)> Releases);

/// True for `std::lock_guard`, `std::unique_lock`, `std::scoped_lock` and
/// `std::shared_lock`: objects that unlock their mutex when destroyed.
bool isStdLockOwner(const CXXRecordDecl &Record);

/// True when \p Construct makes a standard lock owner that holds its mutex
/// from then on: not default-constructed, moved into, or given
/// `std::defer_lock`.
bool locksOnConstruction(const CXXConstructExpr &Construct);

/// What guardedByRAII found in the blocks around the statements it was asked
/// about, for one resource: asked about many statements of a long function,
/// it searches each block once rather than once per statement.
class GuardSearch {
  friend bool guardedByRAII(const Stmt &S, EnclosingFunctions &Functions,
                            llvm::function_ref<bool(const Expr &)> IsResource,
                            llvm::function_ref<bool(const Stmt &)> IsRelease,
                            GuardSearch &Search);

  struct Block {
    llvm::DenseMap<const Stmt *, unsigned> Places;
    /// The place of the first statement that declares a guard, or the
    /// block's size.
    unsigned FirstGuard;
  };
  llvm::DenseMap<const CompoundStmt *, Block> Blocks;
};

/// True when an object that does something when it goes (its destructor,
/// a base's or a member's, is not trivial) in scope at \p S was handed the
/// resource when it was made: an expression for which \p IsResource holds is
/// passed to its constructor or factory by non-const reference or pointer (as
/// `std::lock_guard(m, std::adopt_lock)` and `std::unique_ptr` with a
/// deleter take it), initializes a pointer or reference member of an RAII
/// aggregate in its initializer (a rule-of-zero wrapper around a guard), or
/// a lambda passed there evaluates a statement for which \p IsRelease holds
/// (a scope guard, `std::shared_ptr` with a releasing deleter). Its
/// destructor then releases on every way out of the scope: a return, an
/// exception, and the destruction of a suspended coroutine. \p Search is
/// only ever asked with one resource: the same \p IsResource and
/// \p IsRelease.
bool guardedByRAII(const Stmt &S, EnclosingFunctions &Functions,
                   llvm::function_ref<bool(const Expr &)> IsResource,
                   llvm::function_ref<bool(const Stmt &)> IsRelease,
                   GuardSearch &Search);

} // namespace clang::tidy::coroscope

#endif
