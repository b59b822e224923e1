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
  /// Matches the declaration's fully qualified name (see qualifiedName).
  bool matches(const NamedDecl &Decl) const;
  bool empty() const { return Patterns.empty(); }

  /// The option as the user wrote it, for storeOptions.
  llvm::StringRef source() const { return Source; }

private:
  std::string Source;
  std::vector<llvm::Regex> Patterns;
};

/// The fully qualified name NameList matches \p Decl by: without template
/// arguments anywhere, so `std::basic_istream::read` names the member of
/// every `std::basic_istream<...>`, and without inline namespaces, so
/// `std::mutex` is the same name in libstdc++ and libc++. A constructor is
/// named like its class's member, `std::basic_ifstream::basic_ifstream`.
std::string qualifiedName(const NamedDecl &Decl);

} // namespace clang::tidy::coroscope

#endif
