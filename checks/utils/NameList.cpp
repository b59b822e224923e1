//===--- NameList.cpp -----------------------------------------------------===//

#include "utils/NameList.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::coroscope {
namespace {

bool anyMatches(const std::vector<llvm::Regex> &Patterns,
                llvm::StringRef Name) {
  return llvm::any_of(Patterns, [&](const llvm::Regex &Pattern) {
    return Pattern.match(Name);
  });
}

} // namespace

namespace {

/// One entry of the list as it is matched: against the qualified name or
/// the plain one, by a pattern anchored at both ends. nullopt when empty.
struct Pattern {
  bool IsQualified;
  std::string Text;
};
std::optional<Pattern> patternOf(llvm::StringRef Entry) {
  Entry = Entry.trim();
  bool IsQualified = Entry.contains("::");
  Entry.consume_front("::");
  if (Entry.empty())
    return std::nullopt;
  return Pattern{IsQualified, ("^(" + Entry + ")$").str()};
}

} // namespace

NameList::NameList(llvm::StringRef Option) : Source(Option.str()) {
  for (llvm::StringRef Entry : utils::options::parseStringList(Source))
    if (std::optional<Pattern> P = patternOf(Entry))
      Entries.emplace_back(std::move(P->Text), P->IsQualified);
}

const NameList::Compiled &NameList::compiled() const {
  if (!Patterns) {
    Patterns.emplace();
    for (const auto &[Text, IsQualified] : Entries)
      (IsQualified ? Patterns->Qualified : Patterns->Plain).emplace_back(Text);
  }
  return *Patterns;
}

NameList::NameList(llvm::StringRef Option, const ClangTidyCheck &Owner,
                   llvm::StringRef OptionName)
    : NameList(Option) {
  // ClangTidyCheck hides its name; the MatchCallback it is tells it.
  const ast_matchers::MatchFinder::MatchCallback &Callback = Owner;
  for (llvm::StringRef Entry : utils::options::parseStringList(Source)) {
    std::optional<Pattern> P = patternOf(Entry);
    std::string Error;
    if (P && !llvm::Regex(P->Text).isValid(Error))
      Owner.configurationDiag("invalid regular expression '%0' in option "
                              "'%1.%2': %3")
          << Entry.trim() << Callback.getID() << OptionName << Error;
  }
}

bool NameList::matches(const NamedDecl &Decl) const {
  if (empty())
    return false;
  auto [Entry, Inserted] = Cache.try_emplace(Decl.getCanonicalDecl());
  if (Inserted)
    Entry->second =
        matches(Decl, compiled().Qualified.empty() ? "" : qualifiedName(Decl));
  return Entry->second;
}

bool NameList::matches(const NamedDecl &Decl,
                       llvm::StringRef QualifiedName) const {
  const Compiled &Lists = compiled();
  return (Decl.getIdentifier() && anyMatches(Lists.Plain, Decl.getName())) ||
         anyMatches(Lists.Qualified, QualifiedName);
}

namespace {

std::string unqualifiedName(const NamedDecl &Decl) {
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(&Decl))
    return Constructor->getParent()->getName().str();
  if (const auto *Destructor = dyn_cast<CXXDestructorDecl>(&Decl))
    return "~" + Destructor->getParent()->getName().str();
  if (const auto *Namespace = dyn_cast<NamespaceDecl>(&Decl);
      Namespace && Namespace->isAnonymousNamespace())
    return "(anonymous namespace)";
  if (const auto *Record = dyn_cast<RecordDecl>(&Decl);
      Record && Record->getName().empty())
    return "(anonymous)";
  return Decl.getDeclName().getAsString();
}

} // namespace

std::string qualifiedName(const NamedDecl &Decl) {
  llvm::SmallVector<std::string, 4> Parts{unqualifiedName(Decl)};
  for (const DeclContext *Context = Decl.getDeclContext(); Context;
       Context = Context->getParent()) {
    const auto *Named = dyn_cast<NamedDecl>(Context);
    if (!Named || Context->isInlineNamespace())
      continue;
    Parts.push_back(unqualifiedName(*Named));
  }
  std::string Name;
  for (const std::string &Part : llvm::reverse(Parts)) {
    if (!Name.empty())
      Name += "::";
    Name += Part;
  }
  return Name;
}

} // namespace clang::tidy::coroscope
