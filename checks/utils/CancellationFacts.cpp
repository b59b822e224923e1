//===--- CancellationFacts.cpp --------------------------------------------===//

#include "utils/CancellationFacts.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "utils/CoroutineFacts.h"
#include "utils/ExceptionFacts.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::coroscope {

CancellationExceptions::CancellationExceptions(llvm::StringRef Option,
                                               const ClangTidyCheck &Owner,
                                               llvm::StringRef OptionName)
    : Source(Option.str()) {
  for (llvm::StringRef Entry : utils::options::parseStringList(Source))
    if (!Entry.trim().empty())
      Entries.emplace_back(Entry, Owner, OptionName);
}

llvm::ArrayRef<const CXXRecordDecl *>
CancellationExceptions::declared(ASTContext &Context) {
  if (Declared && DeclaredIn == &Context)
    return *Declared;
  DeclaredIn = &Context;
  // Exception classes live at namespace scope, so only namespaces (and the
  // extern "C++" and export blocks around them) are searched, not bodies.
  std::vector<std::vector<const CXXRecordDecl *>> PerEntry(Entries.size());
  llvm::SmallVector<const DeclContext *, 16> Scopes{
      Context.getTranslationUnitDecl()};
  while (!Scopes.empty()) {
    const DeclContext *Scope = Scopes.pop_back_val();
    for (const Decl *Member : Scope->decls()) {
      if (isa<NamespaceDecl, LinkageSpecDecl, ExportDecl>(Member)) {
        Scopes.push_back(cast<DeclContext>(Member));
        continue;
      }
      const auto *Record = dyn_cast<CXXRecordDecl>(Member);
      if (!Record || Record->isInvalidDecl() || !Record->getIdentifier() ||
          Record != Record->getCanonicalDecl() ||
          isa<ClassTemplateSpecializationDecl>(Record) ||
          Record->getDescribedClassTemplate())
        continue;
      for (size_t I = 0; I < Entries.size(); ++I)
        if (Entries[I].matches(*Record)) {
          const CXXRecordDecl *Definition = Record->getDefinition();
          PerEntry[I].push_back(Definition ? Definition : Record);
          break;
        }
    }
  }
  Declared.emplace();
  for (const auto &Found : PerEntry)
    Declared->insert(Declared->end(), Found.begin(), Found.end());
  return *Declared;
}

llvm::SmallVector<CancellationReceiver, 2>
CancellationExceptions::receivers(const CXXTryStmt &Try, ASTContext &Context) {
  llvm::SmallVector<CancellationReceiver, 2> Found;
  llvm::ArrayRef<const CXXRecordDecl *> Types = declared(Context);
  for (const CXXRecordDecl *Exception : Types)
    for (const CXXCatchStmt *Handler : handlersReached(Try, Exception))
      Found.push_back({Handler, Exception});
  return Found;
}

bool mayDeliverCancellation(const Stmt &TryBlock) {
  if (isSuspensionPoint(TryBlock) || isa<CXXThrowExpr>(TryBlock) ||
      rethrownPointer(TryBlock))
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(&TryBlock))
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && Callee->getIdentifier() &&
        Callee->getName().contains_insensitive("cancel"))
      return true;
  if (isa<LambdaExpr>(TryBlock))
    return false;
  for (const Stmt *Child : TryBlock.children())
    if (Child && mayDeliverCancellation(*Child))
      return true;
  return false;
}

} // namespace clang::tidy::coroscope
