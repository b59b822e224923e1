//===--- NameList.cpp -----------------------------------------------------===//

#include "utils/NameList.h"
#include "clang-tidy/utils/OptionsUtils.h"

namespace clang::tidy::coroscope {

NameList::NameList(llvm::StringRef Option) : Source(Option.str()) {
  for (llvm::StringRef Entry : utils::options::parseStringList(Source)) {
    Entry = Entry.trim();
    Entry.consume_front("::");
    if (!Entry.empty())
      Patterns.emplace_back(("^(" + Entry + ")$").str());
  }
}

bool NameList::matches(llvm::StringRef QualifiedName) const {
  QualifiedName.consume_front("::");
  for (const llvm::Regex &Pattern : Patterns)
    if (Pattern.match(QualifiedName))
      return true;
  return false;
}

bool NameList::matches(const NamedDecl &Decl) const {
  return !Patterns.empty() && matches(Decl.getQualifiedNameAsString());
}

} // namespace clang::tidy::coroscope
