//===--- LockFacts.h - what holds a lock ------------------------*- C++ -*-===//
//
// Shared knowledge about the standard library's RAII lock owners, for checks
// that ask whether a mutex is held at some point of a coroutine.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_LOCKFACTS_H
#define COROSCOPE_CHECKS_UTILS_LOCKFACTS_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::coroscope {

/// True for `std::lock_guard`, `std::unique_lock`, `std::scoped_lock` and
/// `std::shared_lock`: objects that unlock their mutex when destroyed.
bool isStdLockOwner(const CXXRecordDecl &Record);

/// True when \p Construct makes a standard lock owner that holds its mutex
/// from then on: not default-constructed, moved into, or given
/// `std::defer_lock`.
bool locksOnConstruction(const CXXConstructExpr &Construct);

} // namespace clang::tidy::coroscope

#endif
