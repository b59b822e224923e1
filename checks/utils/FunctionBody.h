//===--- FunctionBody.h - a function's own code -----------------*- C++ -*-===//
//
// Where a function's code is and which statements are its own: the body as
// written, the definition to read for a declaration, the statements a body
// evaluates itself (not those of the lambdas and local classes it defines),
// and the function and statements around a statement.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_FUNCTIONBODY_H
#define COROSCOPE_CHECKS_UTILS_FUNCTIONBODY_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::coroscope {

/// The body as the user wrote it: for a coroutine, the statement inside the
/// compiler's CoroutineBodyStmt (without its initial and final suspension and
/// implicit `co_return`); otherwise the body. Null without one.
const Stmt *writtenBody(const FunctionDecl &Function);

/// The definition of \p Function, or, when it has not been instantiated, of
/// the template member it would be instantiated from; null without either.
const FunctionDecl *definitionOrPattern(const FunctionDecl &Function);

/// The definition of \p Record, or, for a specialization or member class that
/// has not been instantiated yet, of the template pattern it would come from;
/// null without either.
const CXXRecordDecl *definitionOrPattern(const CXXRecordDecl &Record);

/// Calls \p Visit on every statement and expression that running \p Root
/// evaluates in its own function, in source order: not the bodies of lambdas
/// or local classes it defines (a lambda's captures are initialized here and
/// are visited), nor the awaiter calls the compiler adds to `co_await`. For a
/// coroutine's body this is the code as the user wrote it.
void forEachOwnStatement(const Stmt &Root,
                         llvm::function_ref<void(const Stmt &)> Visit);

/// The function or lambda whose body \p S belongs to, or null. A statement
/// inside a lambda belongs to the lambda, not to the function around it.
const FunctionDecl *enclosingFunction(const Stmt &S, ASTContext &Context);

/// Calls \p Visit for each statement enclosing \p S in its own function (or
/// lambda), innermost first, with the child on the way from \p S; stops when
/// Visit returns true, and returns whether it did.
bool anyEnclosingStmt(
    const Stmt &S, ASTContext &Context,
    llvm::function_ref<bool(const Stmt &Parent, const Stmt &Child)> Visit);

/// True when \p S lies inside a `catch` handler of its function, where the
/// language forbids `co_await`.
bool isInsideHandler(const Stmt &S, ASTContext &Context);

} // namespace clang::tidy::coroscope

#endif
