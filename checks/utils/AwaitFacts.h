//===--- AwaitFacts.h - what one co_await does to its operand ---*- C++ -*-===//
//
// Facts about a single `co_await` expression rather than about a type: the
// operator co_await it chose, and how its awaiter treats a coroutine that
// has already finished.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_AWAITFACTS_H
#define COROSCOPE_CHECKS_UTILS_AWAITFACTS_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::coroscope {

/// True when \p Await hands its operand to an `operator co_await` that takes
/// it as an rvalue (`operator co_await() &&`, or a free `operator
/// co_await(T &&)`): the await consumes the operand.
bool awaitConsumesOperand(const CoawaitExpr &Await);

/// True when the awaiter of \p Await reports ready once the awaited
/// coroutine has finished (its `await_ready` asks the handle's `done()`):
/// awaiting a finished task again then completes at once, with the stored
/// result, instead of resuming a finished coroutine.
bool readyOnceDone(const CoawaitExpr &Await);

/// True when \p Record can be copied: a task type that can is shared, meant
/// to be awaited by each of its owners (a shared task, a shared future).
bool isCopyable(const CXXRecordDecl &Record);

} // namespace clang::tidy::coroscope

#endif
