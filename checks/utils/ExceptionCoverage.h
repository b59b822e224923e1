//===--- ExceptionCoverage.h - handlers around a statement ------*- C++ -*-===//
//
// Shared knowledge about the paths an exception takes inside its function:
// which handlers it can reach, and whether every one of them goes on to run
// some cleanup before the function is left.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_EXCEPTIONCOVERAGE_H
#define COROSCOPE_CHECKS_UTILS_EXCEPTIONCOVERAGE_H

#include "utils/FunctionFlow.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::coroscope {

/// The handlers of its function that an exception thrown at a statement may
/// reach, innermost `try` first.
struct ReachableHandlers {
  llvm::SmallVector<const CXXCatchStmt *, 4> Handlers;
  /// One of them is `catch (...)`: no exception leaves the function from
  /// there without passing a handler.
  bool CatchesAll = false;
};

/// The handlers an exception thrown at \p S may reach in \p Flow's function
/// (or lambda). A `catch` handler covers only its `try` block: an exception
/// thrown inside a handler goes to the enclosing `try`.
ReachableHandlers handlersReachedFrom(const Stmt &S, const FunctionFlow &Flow);

/// True when whatever \p S throws is caught in its function and every handler
/// it may reach goes on, on every path to the function's exit, through a
/// statement for which \p Runs holds: inside the handler, or after it, as in
/// `catch (...) { ep = std::current_exception(); } cleanup(); if (ep)
/// std::rethrow_exception(ep);`.
bool runsOnEveryExceptionalPath(const Stmt &S, const FunctionFlow &Flow,
                                llvm::function_ref<bool(const Stmt &)> Runs);

} // namespace clang::tidy::coroscope

#endif
