//===--- FunctionNameList.cpp ---------------------------------------------===//

#include "utils/FunctionNameList.h"
#include "clang-tidy/utils/OptionsUtils.h"

namespace clang::tidy::coroscope {
namespace {

/// The entries of \p Option with (or without) `::`, as a NameList option.
std::string entries(llvm::StringRef Option, bool WithScope) {
  std::string Selected;
  for (llvm::StringRef Entry : utils::options::parseStringList(Option)) {
    Entry = Entry.trim();
    if (Entry.empty() || Entry.contains("::") != WithScope)
      continue;
    if (!Selected.empty())
      Selected += ';';
    Selected += Entry;
  }
  return Selected;
}

} // namespace

FunctionNameList::FunctionNameList(llvm::StringRef Option)
    : Source(Option.str()), Plain(entries(Option, false)),
      Qualified(entries(Option, true)) {}

bool FunctionNameList::matches(const NamedDecl &Function) const {
  const NamedDecl *Key = cast<NamedDecl>(Function.getCanonicalDecl());
  auto [Entry, Inserted] = Cache.try_emplace(Key);
  if (Inserted)
    Entry->second = (Function.getDeclName().isIdentifier() &&
                     Plain.matches(Function.getName())) ||
                    Qualified.matches(Function);
  return Entry->second;
}

} // namespace clang::tidy::coroscope
