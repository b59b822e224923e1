//===--- FunctionNameList.h - option lists of function names ----*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_UTILS_FUNCTIONNAMELIST_H
#define COROSCOPE_CHECKS_UTILS_FUNCTIONNAMELIST_H

#include "utils/NameList.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::coroscope {

/// A `;`-separated option list of function names for options that name
/// operations rather than types: an entry without `::` is a regular
/// expression on the plain name, so `lock` matches every function or method
/// called `lock`; an entry with `::` is one on the fully qualified name, as in
/// NameList (`coroscope::exit_stack::enter`). Answers are cached per
/// declaration, so a matcher may ask for every call.
class FunctionNameList {
public:
  explicit FunctionNameList(llvm::StringRef Option);

  bool matches(const NamedDecl &Function) const;
  bool empty() const { return Plain.empty() && Qualified.empty(); }

  /// The option as the user wrote it, for storeOptions.
  llvm::StringRef source() const { return Source; }

private:
  std::string Source;
  NameList Plain;
  NameList Qualified;
  mutable llvm::DenseMap<const NamedDecl *, bool> Cache;
};

/// Matches a function or method that \p List names.
AST_MATCHER_P(NamedDecl, inFunctionNameList, const FunctionNameList *, List) {
  return List->matches(Node);
}

} // namespace clang::tidy::coroscope

#endif
