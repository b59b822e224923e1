//===--- NameList.h - option lists of qualified names -----------*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_UTILS_NAMELIST_H
#define COROSCOPE_CHECKS_UTILS_NAMELIST_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Regex.h"
#include <string>
#include <vector>

namespace clang::tidy::coroscope {

/// A `;`-separated option list of fully qualified names, each entry a regular
/// expression that must match the whole name; a leading `::` is optional on
/// both sides, so `std::mutex`, `::std::mutex` and `std::.*mutex` all work.
class NameList {
public:
  explicit NameList(llvm::StringRef Option);

  bool matches(llvm::StringRef QualifiedName) const;
  /// Matches the declaration's fully qualified name (no template arguments).
  bool matches(const NamedDecl &Decl) const;
  bool empty() const { return Patterns.empty(); }

  /// The option as the user wrote it, for storeOptions.
  llvm::StringRef source() const { return Source; }

private:
  std::string Source;
  std::vector<llvm::Regex> Patterns;
};

} // namespace clang::tidy::coroscope

#endif
