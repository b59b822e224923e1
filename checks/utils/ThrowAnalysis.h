//===--- ThrowAnalysis.h - what may throw, looking into callees -*- C++ -*-===//
//
// ExceptionFacts decides from declarations: a call to a function that is not
// `noexcept` may throw. Where a check walks a CFG, one element at a time, it
// can afford to look into the callee's body instead, as clang-tidy's
// bugprone-exception-escape does, and spare its users a warning about a
// helper that cannot throw but was never marked `noexcept`.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_THROWANALYSIS_H
#define COROSCOPE_CHECKS_UTILS_THROWANALYSIS_H

#include "clang-tidy/utils/ExceptionAnalyzer.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::coroscope {

/// Whether CFG elements may throw, judging a direct call by its callee's body
/// where the body is visible (through clang-tidy's ExceptionAnalyzer) and by
/// its declaration otherwise. One instance belongs to one check, which lives
/// for one translation unit: it caches what it learns about each callee.
class ThrowAnalysis {
public:
  /// True when evaluating \p Element itself may throw: a call, a
  /// construction, a `throw`, a `new`. Its operands are elements of their own
  /// in a CFG and are asked about separately.
  bool elementMayThrow(const Stmt &Element);

private:
  bool calleeMayThrow(const FunctionDecl &Callee);

  utils::ExceptionAnalyzer Analyzer;
  llvm::DenseMap<const FunctionDecl *, bool> Callees;
};

} // namespace clang::tidy::coroscope

#endif
