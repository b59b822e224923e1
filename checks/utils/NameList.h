//===--- NameList.h - option lists of names ---------------------*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_UTILS_NAMELIST_H
#define COROSCOPE_CHECKS_UTILS_NAMELIST_H

#include "clang-tidy/ClangTidyCheck.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Regex.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::coroscope {

/// A `;`-separated option list of names, each entry a regular expression that
/// must match a whole name; the rule of upstream clang-tidy's
/// `matchesAnyListedName`, for types and functions alike. An entry that
/// contains `::` is matched against the fully qualified name (see
/// qualifiedName; a leading `::` stands for the global namespace), so
/// `std::mutex`, `::std::mutex` and `std::.*mutex` name the standard mutex
/// and `::sleep` names only the global `sleep`. An entry without `::` is
/// matched against the plain name, so `lock` names every function, method or
/// class called `lock`. Answers about declarations are cached, so a check
/// may ask for every call. The entries are compiled on the first question,
/// so a list that is never asked about (most of the library profiles' rows,
/// in a unit that does not use that library) costs no compilation.
class NameList {
public:
  explicit NameList(llvm::StringRef Option);
  /// The list \p Option, the value of \p Owner's option \p OptionName: an
  /// entry that is not a valid regular expression matches nothing and is
  /// reported through the check's configurationDiag.
  NameList(llvm::StringRef Option, const ClangTidyCheck &Owner,
           llvm::StringRef OptionName);

  bool matches(const NamedDecl &Decl) const;
  /// Matches \p Decl as if its fully qualified name were \p QualifiedName:
  /// for a method as a member of the class it is called on, which may
  /// inherit it.
  bool matches(const NamedDecl &Decl, llvm::StringRef QualifiedName) const;
  bool empty() const { return Entries.empty(); }

  /// The option as the user wrote it, for storeOptions.
  llvm::StringRef source() const { return Source; }

private:
  struct Compiled {
    std::vector<llvm::Regex> Plain;
    std::vector<llvm::Regex> Qualified;
  };
  const Compiled &compiled() const;

  std::string Source;
  /// Each entry as its pattern anchored at both ends, and whether it is
  /// matched against the qualified name.
  std::vector<std::pair<std::string, bool>> Entries;
  mutable std::optional<Compiled> Patterns;
  mutable llvm::DenseMap<const Decl *, bool> Cache;
};

/// The fully qualified name NameList matches \p Decl by: without template
/// arguments anywhere, so `std::basic_istream::read` names the member of
/// every `std::basic_istream<...>`, and without inline namespaces, so
/// `std::mutex` is the same name in libstdc++ and libc++. A constructor is
/// named like its class's member, `std::basic_ifstream::basic_ifstream`.
std::string qualifiedName(const NamedDecl &Decl);

} // namespace clang::tidy::coroscope

#endif
