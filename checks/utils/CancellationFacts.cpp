//===--- CancellationFacts.cpp --------------------------------------------===//

#include "utils/CancellationFacts.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "utils/CoroutineFacts.h"
#include "utils/ExceptionFacts.h"
#include "utils/FunctionBody.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::coroscope {
namespace {

bool isIdentifier(llvm::StringRef Name) {
  return !Name.empty() && llvm::all_of(Name, [](char C) {
    return llvm::isAlnum(C) || C == '_';
  });
}

const CXXRecordDecl *asClass(const NamedDecl *Found) {
  const auto *Record = dyn_cast<CXXRecordDecl>(Found);
  if (!Record || Record->isInvalidDecl() || Record->getDescribedClassTemplate())
    return nullptr;
  const CXXRecordDecl *Definition = Record->getDefinition();
  return Definition ? Definition : Record->getCanonicalDecl();
}

/// Calls \p Visit on every class of \p Scope and of the namespaces (and the
/// extern "C++" and export blocks) inside it.
void forEachClassIn(const DeclContext &Scope,
                    llvm::function_ref<void(const CXXRecordDecl &)> Visit) {
  llvm::SmallVector<const DeclContext *, 8> Scopes{&Scope};
  while (!Scopes.empty())
    for (const Decl *Member : Scopes.pop_back_val()->decls()) {
      if (isa<NamespaceDecl, LinkageSpecDecl, ExportDecl>(Member))
        Scopes.push_back(cast<DeclContext>(Member));
      else if (const CXXRecordDecl *Class = asClass(dyn_cast<NamedDecl>(Member));
               Class && Class->getIdentifier() &&
               !isa<ClassTemplateSpecializationDecl>(Class))
        Visit(*Class);
    }
}

/// `namespace::name` of an enumerator, without the unscoped enum it belongs
/// to, as code names it (`asio::error::operation_aborted`).
std::string enumeratorName(const EnumConstantDecl &Enumerator) {
  const auto *Enum = dyn_cast<EnumDecl>(Enumerator.getDeclContext());
  const auto *Scope =
      Enum && !Enum->isScoped() ? dyn_cast<NamedDecl>(Enum->getDeclContext())
                                : dyn_cast<NamedDecl>(Enum);
  if (!Scope || isa<TranslationUnitDecl>(Enum->getDeclContext()))
    return Enumerator.getName().str();
  return qualifiedName(*Scope) + "::" + Enumerator.getName().str();
}

bool mentions(const Stmt &S, llvm::function_ref<bool(const Decl &)> Wanted) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(&S); Ref && Wanted(*Ref->getDecl()))
    return true;
  return llvm::any_of(S.children(), [&](const Stmt *Child) {
    return Child && mentions(*Child, Wanted);
  });
}

} // namespace

llvm::SmallVector<const CXXRecordDecl *, 1>
lookupClasses(ASTContext &Context, llvm::StringRef Name) {
  Name.consume_front("::");
  llvm::SmallVector<llvm::StringRef, 4> Components;
  Name.split(Components, "::");
  llvm::SmallVector<const DeclContext *, 2> Scopes{
      Context.getTranslationUnitDecl()};
  llvm::SmallVector<const CXXRecordDecl *, 1> Found;
  for (size_t I = 0; I < Components.size() && !Scopes.empty(); ++I) {
    bool Last = I + 1 == Components.size();
    if (!isIdentifier(Components[I])) {
      // The rest is a pattern: match it against the classes in scope.
      NameList Pattern(("::" + Name).str());
      for (const DeclContext *Scope : Scopes)
        forEachClassIn(*Scope, [&](const CXXRecordDecl &Class) {
          if (Pattern.matches(Class))
            Found.push_back(&Class);
        });
      return Found;
    }
    DeclarationName Identifier(&Context.Idents.get(Components[I]));
    // What an anonymous namespace declares is named as if the enclosing
    // namespace declared it.
    for (size_t Unnamed = 0; Unnamed < Scopes.size(); ++Unnamed) {
      const NamespaceDecl *Anonymous = nullptr;
      if (const auto *Namespace = dyn_cast<NamespaceDecl>(Scopes[Unnamed]))
        Anonymous = Namespace->getAnonymousNamespace();
      else if (const auto *Unit = dyn_cast<TranslationUnitDecl>(Scopes[Unnamed]))
        Anonymous = Unit->getAnonymousNamespace();
      if (Anonymous)
        Scopes.push_back(Anonymous);
    }
    llvm::SmallVector<const DeclContext *, 2> Inner;
    for (const DeclContext *Scope : Scopes)
      for (const NamedDecl *Member : Scope->lookup(Identifier)) {
        if (Last) {
          if (const CXXRecordDecl *Class = asClass(Member))
            Found.push_back(Class);
        } else if (const auto *Namespace = dyn_cast<NamespaceDecl>(Member)) {
          Inner.push_back(Namespace);
        } else if (const CXXRecordDecl *Class = asClass(Member);
                   Class && Class->hasDefinition()) {
          Inner.push_back(Class);
        }
      }
    Scopes = std::move(Inner);
  }
  return Found;
}

CancellationExceptions::CancellationExceptions(llvm::StringRef Option,
                                               LibraryProfiles &Profiles,
                                               const ClangTidyCheck &Owner,
                                               llvm::StringRef OptionName)
    : Source(Option.str()), Profiles(Profiles) {
  // The entries are looked up per unit; a pattern that cannot be one is
  // reported once, now, as every other option's.
  (void)NameList(Option, Owner, OptionName);
}

llvm::ArrayRef<CancellationClass>
CancellationExceptions::declared(const LibraryProfile &Library,
                                 ASTContext &Context) {
  auto [Entry, Inserted] = ByLibrary.try_emplace(&Library);
  if (Inserted)
    for (const CancellationSignal &Signal : Profiles.cancellation(Library))
      for (const CXXRecordDecl *Class :
           lookupClasses(Context, Signal.Exception))
        Entry->second.push_back({Class, Signal.Code, Signal.StopsOnEnd});
  return Entry->second;
}

llvm::SmallVector<CancellationReceiver, 2>
CancellationExceptions::receivers(const CXXTryStmt &Try,
                                  const FunctionDecl &Function,
                                  ASTContext &Context) {
  if (!Listed) {
    Listed.emplace();
    for (llvm::StringRef Entry : utils::options::parseStringList(Source))
      if (!Entry.trim().empty())
        for (const CXXRecordDecl *Class : lookupClasses(Context, Entry.trim()))
          Listed->push_back({Class, ""});
  }
  llvm::SmallVector<CancellationClass, 4> Classes(Listed->begin(),
                                                  Listed->end());
  llvm::SmallVector<const LibraryProfile *, 2> Libraries =
      Profiles.librariesUsedIn(*Try.getTryBlock());
  if (const LibraryProfile *Own = Profiles.remediesFor(Function);
      Own && !llvm::is_contained(Libraries, Own))
    Libraries.push_back(Own);
  for (const LibraryProfile *Library : Libraries)
    for (const CancellationClass &Class : declared(*Library, Context))
      if (llvm::none_of(Classes, [&](const CancellationClass &Known) {
            return Known.Class == Class.Class;
          }))
        Classes.push_back(Class);

  llvm::SmallVector<CancellationReceiver, 2> Found;
  for (const CancellationClass &Class : Classes)
    for (const CXXCatchStmt *Handler : handlersReached(Try, Class.Class))
      Found.push_back({Handler, Class});
  return Found;
}

bool CancellationExceptions::mayDeliver(const Stmt &TryBlock) {
  if (isSuspensionPoint(TryBlock) || isa<CXXThrowExpr>(TryBlock) ||
      rethrownPointer(TryBlock))
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(&TryBlock))
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && Profiles.raisesCancellation(*Callee))
      return true;
  if (isa<LambdaExpr>(TryBlock))
    return false;
  for (const Stmt *Child : TryBlock.children())
    if (Child && mayDeliver(*Child))
      return true;
  return false;
}

std::optional<bool> testsCancellationCode(const Expr &Condition,
                                          const VarDecl &Caught,
                                          llvm::StringRef Code) {
  const Expr *Tested = Condition.IgnoreParenImpCasts();
  if (const auto *Not = dyn_cast<UnaryOperator>(Tested);
      Not && Not->getOpcode() == UO_LNot) {
    std::optional<bool> Inner =
        testsCancellationCode(*Not->getSubExpr(), Caught, Code);
    return Inner ? std::optional<bool>(!*Inner) : std::nullopt;
  }
  BinaryOperatorKind Kind;
  const Expr *Left, *Right;
  if (const auto *Rewritten = dyn_cast<CXXRewrittenBinaryOperator>(Tested)) {
    CXXRewrittenBinaryOperator::DecomposedForm Form =
        Rewritten->getDecomposedForm();
    Kind = Form.Opcode;
    Left = Form.LHS;
    Right = Form.RHS;
  } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Tested);
             Operator && Operator->getNumArgs() == 2) {
    Kind = BinaryOperator::getOverloadedOpcode(Operator->getOperator());
    Left = Operator->getArg(0);
    Right = Operator->getArg(1);
  } else if (const auto *Binary = dyn_cast<BinaryOperator>(Tested)) {
    Kind = Binary->getOpcode();
    Left = Binary->getLHS();
    Right = Binary->getRHS();
  } else {
    return std::nullopt;
  }
  if (Kind != BO_EQ && Kind != BO_NE)
    return std::nullopt;
  Code.consume_front("::");
  auto IsCaught = [&](const Decl &D) { return &D == &Caught; };
  auto IsCode = [&](const Decl &D) {
    const auto *Enumerator = dyn_cast<EnumConstantDecl>(&D);
    return Enumerator && enumeratorName(*Enumerator) == Code;
  };
  if ((mentions(*Left, IsCaught) && mentions(*Right, IsCode)) ||
      (mentions(*Right, IsCaught) && mentions(*Left, IsCode)))
    return Kind == BO_EQ;
  return std::nullopt;
}

} // namespace clang::tidy::coroscope
