//===--- LockFacts.cpp ----------------------------------------------------===//

#include "utils/LockFacts.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::coroscope {

bool isStdLockOwner(const CXXRecordDecl &Record) {
  const IdentifierInfo *Name = Record.getIdentifier();
  if (!Name || !Record.isInStdNamespace())
    return false;
  return llvm::is_contained(
      {"lock_guard", "unique_lock", "scoped_lock", "shared_lock"},
      Name->getName());
}

bool locksOnConstruction(const CXXConstructExpr &Construct) {
  const CXXConstructorDecl *Constructor = Construct.getConstructor();
  if (!Constructor || Construct.getNumArgs() == 0 ||
      Constructor->isCopyOrMoveConstructor() ||
      !isStdLockOwner(*Constructor->getParent()))
    return false;
  for (const Expr *Argument : Construct.arguments())
    if (const auto *Tag = Argument->getType()->getAsCXXRecordDecl();
        Tag && Tag->getName() == "defer_lock_t")
      return false;
  return true;
}

} // namespace clang::tidy::coroscope
