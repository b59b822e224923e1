//===--- FunctionBody.cpp -------------------------------------------------===//

#include "utils/FunctionBody.h"
#include "utils/ControlFlow.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include <mutex>

namespace clang::tidy::coroscope {

const Stmt *writtenBody(const FunctionDecl &Function) {
  const Stmt *Body = Function.getBody();
  if (const auto *Coroutine = dyn_cast_or_null<CoroutineBodyStmt>(Body))
    return Coroutine->getBody();
  return Body;
}

const FunctionDecl *definitionOrPattern(const FunctionDecl &Function) {
  const FunctionDecl *Defined = nullptr;
  if (Function.getBody(Defined))
    return Defined;
  if (const FunctionDecl *Pattern = Function.getTemplateInstantiationPattern())
    if (Pattern->getBody(Defined))
      return Defined;
  return nullptr;
}

const CXXRecordDecl *definitionOrPattern(const CXXRecordDecl &Record) {
  if (const CXXRecordDecl *Definition = Record.getDefinition())
    return Definition;
  if (const CXXRecordDecl *Pattern = Record.getTemplateInstantiationPattern())
    return Pattern->getDefinition();
  if (const auto *Specialization =
          dyn_cast<ClassTemplateSpecializationDecl>(&Record))
    return Specialization->getSpecializedTemplate()
        ->getTemplatedDecl()
        ->getDefinition();
  if (const CXXRecordDecl *Member = Record.getInstantiatedFromMemberClass())
    return Member->getDefinition();
  return nullptr;
}

namespace {

class OwnStatementVisitor : public RecursiveASTVisitor<OwnStatementVisitor> {
public:
  explicit OwnStatementVisitor(llvm::function_ref<void(const Stmt &)> Visit)
      : Visit(Visit) {}

  bool VisitStmt(Stmt *S) {
    Visit(*S);
    return true;
  }

  // A lambda's body runs when the lambda is called, not here; its captures
  // are initialized here.
  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    VisitStmt(Lambda);
    for (Expr *Init : Lambda->capture_inits())
      if (Init)
        TraverseStmt(Init);
    return true;
  }
  bool TraverseBlockExpr(BlockExpr *) { return true; }
  bool TraverseDecl(Decl *D) {
    if (isa_and_nonnull<TagDecl, FunctionDecl>(D))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

private:
  llvm::function_ref<void(const Stmt &)> Visit;
};

} // namespace

void forEachOwnStatement(const Stmt &Root,
                         llvm::function_ref<void(const Stmt &)> Visit) {
  OwnStatementVisitor(Visit).TraverseStmt(const_cast<Stmt *>(&Root));
}

llvm::SmallVector<const Stmt *, 4> ownRoots(const FunctionDecl &Function) {
  llvm::SmallVector<const Stmt *, 4> Roots;
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(&Function))
    for (const CXXCtorInitializer *Initializer : Constructor->inits())
      if (const Expr *Init = Initializer->getInit())
        Roots.push_back(Init);
  if (const Stmt *Body = Function.getBody())
    Roots.push_back(Body);
  return Roots;
}

void forEachOwnStatement(const FunctionDecl &Function,
                         llvm::function_ref<void(const Stmt &)> Visit) {
  for (const Stmt *Root : ownRoots(Function))
    forEachOwnStatement(*Root, Visit);
}

void StatementParents::add(const Stmt &Root) {
  if (!Parents.try_emplace(&Root, nullptr).second)
    return;
  llvm::SmallVector<const Stmt *, 32> Pending{&Root};
  auto Link = [&](const Stmt *Child, const Stmt *Parent) {
    if (Child && Parents.try_emplace(Child, Parent).second)
      Pending.push_back(Child);
  };
  while (!Pending.empty()) {
    const Stmt *S = Pending.pop_back_val();
    for (const Stmt *Child : S->children())
      Link(Child, S);
    if (const auto *Opaque = dyn_cast<OpaqueValueExpr>(S))
      Link(Opaque->getSourceExpr(), S);
  }
}

void forEachStatement(const Stmt &Root,
                      llvm::function_ref<void(const Stmt &)> Visit) {
  llvm::SmallVector<const Stmt *, 32> Pending{&Root};
  while (!Pending.empty()) {
    const Stmt *S = Pending.pop_back_val();
    Visit(*S);
    for (const Stmt *Child : S->children())
      if (Child)
        Pending.push_back(Child);
  }
}

std::shared_ptr<EnclosingFunctions>
EnclosingFunctions::of(ast_matchers::MatchFinder &Finder) {
  using namespace ast_matchers;
  // clangd builds several units at once. A finder's address is not reused
  // while the checks holding its index live: clang-tidy and clangd destroy a
  // unit's checks before its finder's storage is released.
  static std::mutex Lock;
  static llvm::DenseMap<const MatchFinder *, std::weak_ptr<EnclosingFunctions>>
      Indexes;
  std::lock_guard<std::mutex> Guard(Lock);
  if (std::shared_ptr<EnclosingFunctions> Existing = Indexes[&Finder].lock())
    return Existing;
  for (auto It = Indexes.begin(); It != Indexes.end(); ++It)
    if (It->second.expired())
      Indexes.erase(It);
  auto Created = std::make_shared<EnclosingFunctions>();
  // clang-tidy drops what a check reports in a system header, and LLVM 19's
  // MatchFinder walks them all the same: their statements belong to no
  // function here, so the checks do no work for them.
  Finder.addMatcher(
      functionDecl(isDefinition(), unless(isExpansionInSystemHeader()))
          .bind("function"),
      Created.get());
  Indexes[&Finder] = Created;
  return Created;
}

EnclosingFunctions::~EnclosingFunctions() = default;

void EnclosingFunctions::onStartOfTranslationUnit() { Inside.clear(); }

void EnclosingFunctions::onEndOfTranslationUnit() { Inside.clear(); }

bool EnclosingFunctions::mayContain(const FunctionDecl &Decl,
                                    SourceLocation Loc) const {
  SourceRange Range = Decl.getSourceRange();
  if (Loc.isInvalid() || Range.isInvalid())
    return true;
  return Sources->isPointWithin(
      Sources->getExpansionLoc(Loc), Sources->getExpansionLoc(Range.getBegin()),
      Sources->getExpansionRange(Range.getEnd()).getEnd());
}

void EnclosingFunctions::run(
    const ast_matchers::MatchFinder::MatchResult &Result) {
  const auto *Entered = Result.Nodes.getNodeAs<FunctionDecl>("function");
  Sources = Result.SourceManager;
  if (!Entered || !Entered->getBody())
    return;
  // The walk is depth-first: the functions it has left are those that do not
  // contain the one it enters.
  while (!Inside.empty() &&
         !mayContain(*Inside.back().Decl, Entered->getLocation()))
    Inside.pop_back();
  Inside.push_back({Entered, std::nullopt, std::nullopt});
  for (const FunctionVisitor &Visit : Visitors)
    Visit(*Entered, *Result.Context);
}

EnclosingFunctions::Function *EnclosingFunctions::holding(const Stmt &S) {
  for (Function &Candidate : llvm::reverse(Inside)) {
    if (!mayContain(*Candidate.Decl, S.getBeginLoc()))
      continue;
    if (!Candidate.Parents) {
      Candidate.Parents.emplace();
      for (const Stmt *Root : ownRoots(*Candidate.Decl))
        Candidate.Parents->add(*Root);
    }
    if (Candidate.Parents->contains(S))
      return &Candidate;
  }
  return nullptr;
}

const FunctionDecl *EnclosingFunctions::walkUp(
    const Stmt &S,
    llvm::function_ref<bool(const Stmt &Parent, const Stmt &Child)> Visit) {
  Function *Holder = holding(S);
  if (!Holder)
    return nullptr;
  const Stmt *Child = &S;
  while (const Stmt *Parent = Holder->Parents->parent(*Child)) {
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Parent);
        Lambda && !llvm::is_contained(Lambda->capture_inits(), Child))
      return Lambda->getCallOperator();
    if (Visit(*Parent, *Child))
      return nullptr;
    Child = Parent;
  }
  return Holder->Decl;
}

const FunctionFlow *EnclosingFunctions::flowOf(const FunctionDecl &Function,
                                               ASTContext &Context) {
  for (struct Function &Candidate : Inside)
    if (Candidate.Decl == &Function) {
      if (!Candidate.Flow)
        Candidate.Flow = FunctionFlow::build(Function, Context);
      return Candidate.Flow->get();
    }
  return nullptr;
}

const FunctionDecl *EnclosingFunctions::enclosingFunction(const Stmt &S) {
  return walkUp(S, [](const Stmt &, const Stmt &) { return false; });
}

bool EnclosingFunctions::anyEnclosingStmt(
    const Stmt &S,
    llvm::function_ref<bool(const Stmt &Parent, const Stmt &Child)> Visit) {
  bool Stopped = false;
  walkUp(S, [&](const Stmt &Parent, const Stmt &Child) {
    return Stopped = Visit(Parent, Child);
  });
  return Stopped;
}

const Stmt *EnclosingFunctions::parent(const Stmt &S) {
  const Stmt *Found = nullptr;
  anyEnclosingStmt(S, [&](const Stmt &Parent, const Stmt &) {
    Found = &Parent;
    return true;
  });
  return Found;
}

const VarDecl *EnclosingFunctions::initializedVariable(const Expr &Init) {
  const auto *Declaration = dyn_cast_or_null<DeclStmt>(parent(Init));
  if (!Declaration)
    return nullptr;
  for (const Decl *D : Declaration->decls())
    if (const auto *Variable = dyn_cast<VarDecl>(D);
        Variable && Variable->getInit() == &Init)
      return Variable;
  return nullptr;
}

bool EnclosingFunctions::isInsideHandler(const Stmt &S) {
  return anyEnclosingStmt(S, [](const Stmt &Parent, const Stmt &) {
    return isa<CXXCatchStmt>(Parent);
  });
}

} // namespace clang::tidy::coroscope
