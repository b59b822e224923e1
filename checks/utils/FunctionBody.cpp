//===--- FunctionBody.cpp -------------------------------------------------===//

#include "utils/FunctionBody.h"
#include "utils/ControlFlow.h"
#include "utils/ExceptionPaths.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
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

namespace {

/// Reads the text between statements of a block, where only `;`,
/// preprocessor lines and attributes belong.
class BlockGaps {
public:
  BlockGaps(const SourceManager &SM, const LangOptions &LangOpts)
      : SM(SM), LangOpts(LangOpts) {}

  /// True when text in \p Block lies outside all its statements.
  bool haveText(const CompoundStmt &Block) {
    SourceLocation Open = Block.getLBracLoc(), Close = Block.getRBracLoc();
    if (Open.isInvalid() || Close.isInvalid() || !Open.isFileID() ||
        !Close.isFileID())
      return false;
    // The parser gives a body it could not read an empty block at its `{`.
    if (Open == Close)
      return true;
    FileID File = SM.getFileID(Open);
    if (SM.getFileID(Close) != File)
      return false;
    SourceLocation From = Open.getLocWithOffset(1);
    for (const Stmt *Child : Block.body()) {
      CharSourceRange Range = SM.getExpansionRange(Child->getSourceRange());
      if (Range.isInvalid() || SM.getFileID(Range.getBegin()) != File ||
          SM.isBeforeInTranslationUnit(Range.getBegin(), From))
        continue;
      // A macro that expands to nothing leaves its name before the `;`.
      const auto *Null = dyn_cast<NullStmt>(Child);
      if (!(Null && Null->hasLeadingEmptyMacro()) &&
          hasText(From, Range.getBegin()))
        return true;
      From = Range.isTokenRange() ? Lexer::getLocForEndOfToken(
                                        Range.getEnd(), 0, SM, LangOpts)
                                  : Range.getEnd();
      if (From.isInvalid())
        return false;
    }
    return hasText(From, Close);
  }

private:
  /// True when a token other than `;`, a preprocessor line (and the text a
  /// conditional one skips) or an attribute lies in [From, To).
  bool hasText(SourceLocation From, SourceLocation To) {
    auto [File, Begin] = SM.getDecomposedLoc(From);
    unsigned End = SM.getFileOffset(To);
    if (End <= Begin)
      return false;
    llvm::StringRef Buffer = SM.getBufferData(File);
    Lexer Raw(SM.getLocForStartOfFile(File), LangOpts, Buffer.begin(),
              Buffer.begin() + Begin, Buffer.end());
    Token Next;
    // Lexes the next token; false when none is left before To.
    auto Lex = [&] {
      Raw.LexFromRawLexer(Next);
      return Next.isNot(tok::eof) &&
             SM.getFileOffset(Next.getLocation()) < End;
    };
    // Skips the rest of `[[...]]` after its first `[`; false when what
    // follows is no attribute.
    auto SkipAttribute = [&] {
      if (!Lex() || Next.isNot(tok::l_square))
        return false;
      for (unsigned Depth = 2; Depth > 0;) {
        if (!Lex())
          return false;
        if (Next.is(tok::l_square))
          ++Depth;
        else if (Next.is(tok::r_square))
          --Depth;
      }
      return true;
    };
    unsigned SkippedConditionals = 0;
    bool More = Lex();
    while (More) {
      if (Next.is(tok::hash) && Next.isAtStartOfLine()) {
        More = Lex();
        llvm::StringRef Directive = More && Next.is(tok::raw_identifier)
                                        ? Next.getRawIdentifier()
                                        : "";
        // What follows a conditional directive here, up to its #endif, is
        // text the preprocessor skipped: active text is made of statements.
        if (Directive.starts_with("if"))
          ++SkippedConditionals;
        else if (Directive.starts_with("el"))
          SkippedConditionals = std::max(SkippedConditionals, 1u);
        else if (Directive == "endif" && SkippedConditionals > 0)
          --SkippedConditionals;
        while (More && !Next.isAtStartOfLine())
          More = Lex();
        continue;
      }
      if (SkippedConditionals == 0 && Next.isNot(tok::semi) &&
          !(Next.is(tok::l_square) && SkipAttribute()))
        return true;
      More = Lex();
    }
    return false;
  }

  const SourceManager &SM;
  const LangOptions &LangOpts;
};

} // namespace

bool holdsErrors(const FunctionDecl &Function, ASTContext &Context) {
  if (Function.isInvalidDecl())
    return true;
  bool UnitHasErrors = Context.getDiagnostics().hasErrorOccurred();
  BlockGaps Gaps(Context.getSourceManager(), Context.getLangOpts());
  bool Errors = false;
  forEachOwnStatement(Function, [&](const Stmt &S) {
    if (Errors)
      return;
    if (const auto *E = dyn_cast<Expr>(&S))
      Errors = E->containsErrors();
    // A declaration of an unknown type drops its initializer, or a handler.
    else if (const auto *Declaration = dyn_cast<DeclStmt>(&S))
      Errors = llvm::any_of(Declaration->decls(),
                            [](const Decl *D) { return D->isInvalidDecl(); });
    else if (const auto *Handler = dyn_cast<CXXCatchStmt>(&S))
      Errors = Handler->getExceptionDecl() &&
               Handler->getExceptionDecl()->isInvalidDecl();
    else if (const auto *Block = dyn_cast<CompoundStmt>(&S); Block && UnitHasErrors)
      Errors = Gaps.haveText(*Block);
  });
  return Errors;
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
  Inside.push_back({Entered, std::nullopt, Analyses(), {}});
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

EnclosingFunctions::Analyses::Analyses() = default;
EnclosingFunctions::Analyses::~Analyses() = default;
EnclosingFunctions::Analyses::Analyses(Analyses &&) = default;

EnclosingFunctions::Analyses *
EnclosingFunctions::analysesOf(const FunctionDecl &Decl) {
  for (struct Function &Candidate : Inside)
    if (Candidate.Decl == &Decl)
      return &Candidate.Own;
  if (Inside.empty())
    return nullptr;
  auto &Others = Inside.back().Others;
  for (auto &[Other, Found] : Others)
    if (Other == &Decl)
      return &Found;
  return &Others.emplace_back(&Decl, Analyses()).second;
}

const FunctionFlow *EnclosingFunctions::flowOf(const FunctionDecl &Function,
                                               ASTContext &Context) {
  Analyses *Found = analysesOf(Function);
  if (!Found)
    return nullptr;
  if (!Found->Flow)
    Found->Flow = FunctionFlow::build(Function, Context);
  return Found->Flow->get();
}

ExceptionPaths *EnclosingFunctions::exceptionPathsOf(const FunctionDecl &Function,
                                                     ASTContext &Context) {
  const FunctionFlow *Flow = flowOf(Function, Context);
  if (!Flow)
    return nullptr;
  Analyses &Found = *analysesOf(Function);
  if (!Found.Paths)
    Found.Paths = std::make_unique<ExceptionPaths>(Function, *Flow, Context);
  return Found.Paths.get();
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
