//===--- ScopeGeneratorCheck.cpp - coroscope ------------------------------===//

#include "ScopeGeneratorCheck.h"
#include "utils/ControlFlow.h"
#include "utils/CoroutineFacts.h"
#include "utils/ExceptionFacts.h"
#include "utils/ExpressionFacts.h"
#include "utils/FunctionBody.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coroscope {
namespace {

/// Where a `co_yield`'s value, the body's outcome, ends up: in a variable, or
/// tested directly (`if (co_yield r)`).
struct Outcome {
  const VarDecl *Variable = nullptr;
  const Expr *Yield = nullptr;

  bool isOutcome(const Expr &E) const {
    if (Yield)
      return &E == Yield;
    const auto *Ref = dyn_cast<DeclRefExpr>(&E);
    return Ref && Ref->getDecl() == Variable;
  }
};

std::optional<Outcome> outcomeOf(const CoyieldExpr &Yield,
                                 EnclosingFunctions &Functions) {
  const Expr *Node = &Yield;
  while (true) {
    if (const VarDecl *Variable = Functions.initializedVariable(*Node))
      return Outcome{Variable, nullptr};
    const Stmt *Parent = Functions.parent(*Node);
    const auto *E = dyn_cast_or_null<Expr>(Parent);
    if (!E)
      // A statement of its own discards the outcome; a condition tests it.
      return isa_and_nonnull<IfStmt, WhileStmt, DoStmt, ForStmt, SwitchStmt>(
                 Parent)
                 ? std::optional(Outcome{nullptr, &Yield})
                 : std::nullopt;
    const auto *Construct = dyn_cast<CXXConstructExpr>(E);
    if (isa<ImplicitCastExpr, ExprWithCleanups, MaterializeTemporaryExpr,
            CXXBindTemporaryExpr, ParenExpr>(E) ||
        (Construct && Construct->getNumArgs() == 1 &&
         Construct->getConstructor()->isCopyOrMoveConstructor())) {
      Node = E;
      continue;
    }
    if (const auto *Assign = dyn_cast<CXXOperatorCallExpr>(E);
        Assign && Assign->getOperator() == OO_Equal) {
      const auto *Target =
          dyn_cast<DeclRefExpr>(Assign->getArg(0)->IgnoreParenImpCasts());
      const auto *Variable =
          Target ? dyn_cast<VarDecl>(Target->getDecl()) : nullptr;
      return Variable ? std::optional(Outcome{Variable, nullptr})
                      : std::nullopt;
    }
    return Outcome{nullptr, &Yield};
  }
}

/// The variable or member, among those \p IsCandidate accepts, whose
/// non-const member \p Call calls (`mutex.lock()`, `pool.acquire()`), or
/// null.
const ValueDecl *
calledOnObject(const CallExpr &Call,
               llvm::function_ref<bool(const ValueDecl &)> IsCandidate) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  const CXXMethodDecl *Method = Member ? Member->getMethodDecl() : nullptr;
  if (!Method || Method->isConst() || !Member->getImplicitObjectArgument())
    return nullptr;
  const ValueDecl *Object = denotedObject(*Member->getImplicitObjectArgument());
  return Object && IsCandidate(*Object) ? Object : nullptr;
}

/// The variable or member, among those \p IsCandidate accepts, that \p S
/// acts on as cleanup would: the object of a non-const member call, an
/// argument of a call, the operand of `delete`; or null.
const ValueDecl *
cleanedUpObject(const Stmt &S,
                llvm::function_ref<bool(const ValueDecl &)> IsCandidate) {
  auto Candidate = [&](const Expr *E) -> const ValueDecl * {
    const ValueDecl *Object = E ? denotedObject(*E) : nullptr;
    return Object && IsCandidate(*Object) ? Object : nullptr;
  };
  if (const auto *Delete = dyn_cast<CXXDeleteExpr>(&S))
    return Candidate(Delete->getArgument());
  const auto *Call = dyn_cast<CallExpr>(&S);
  if (!Call || isMoveOrForward(*Call))
    return nullptr;
  if (const ValueDecl *Object = calledOnObject(*Call, IsCandidate))
    return Object;
  for (const Expr *Argument : Call->arguments())
    if (const ValueDecl *Object = Candidate(Argument))
      return Object;
  return nullptr;
}

enum class ExitKind { Rethrow, Throw, Return, NoReturnCall };

} // namespace

struct ScopeGeneratorCheck::Generator {
  Generator(const FunctionDecl &Function, const FunctionFlow &Flow,
            ASTContext &Context)
      : Function(Function), Flow(Flow), Graph(Flow.cfg()), Context(Context) {}

  const FunctionDecl &Function;
  const FunctionFlow &Flow;
  const CFG &Graph;
  ASTContext &Context;
  llvm::SmallVector<const CoyieldExpr *, 2> Yields;
  /// The locals the generator declares, in source order.
  llvm::SmallVector<const VarDecl *, 8> Locals;
  /// What the user wrote, as opposed to the calls the compiler adds.
  llvm::DenseSet<const Stmt *> OwnStatements;

  /// How messages name it: `'open_connection'` or `lambda`.
  std::string describe() const {
    if (const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
        Method && Method->getParent()->isLambda())
      return "lambda";
    return "'" + Function.getNameAsString() + "'";
  }
  SourceLocation closingBrace() const { return Flow.body().getEndLoc(); }
  bool before(SourceLocation A, SourceLocation B) const {
    return Context.getSourceManager().isBeforeInTranslationUnit(A, B);
  }
};

ScopeGeneratorCheck::ScopeGeneratorCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      ScopeGeneratorTypes(
          Options.get("ScopeGeneratorTypes", "coroscope::async_context"), *this,
          "ScopeGeneratorTypes"),
      SuccessOnlyFunctions(Options.get("SuccessOnlyFunctions", "commit"), *this,
                           "SuccessOnlyFunctions") {}

void ScopeGeneratorCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ScopeGeneratorTypes", ScopeGeneratorTypes.source());
  Options.store(Opts, "SuccessOnlyFunctions", SuccessOnlyFunctions.source());
}

bool ScopeGeneratorCheck::isSuccessOnly(const Stmt &S) const {
  const auto *Call = dyn_cast<CallExpr>(&S);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && SuccessOnlyFunctions.matches(*Callee);
}

void ScopeGeneratorCheck::registerMatchers(MatchFinder *Finder) {
  Functions = EnclosingFunctions::of(*Finder);
  Functions->onEachFunction(
      [this](const FunctionDecl &Function, ASTContext &Context) {
        checkFunction(Function, Context);
      });
}

bool ScopeGeneratorCheck::isScopeGenerator(const FunctionDecl &Function) {
  const CXXRecordDecl *Returned =
      Function.getReturnType()->getAsCXXRecordDecl();
  if (!Returned)
    return false;
  auto [Entry, Inserted] =
      IsGeneratorType.try_emplace(Returned->getCanonicalDecl());
  if (Inserted)
    Entry->second = ScopeGeneratorTypes.matches(*Returned);
  return Entry->second;
}

void ScopeGeneratorCheck::checkFunction(const FunctionDecl &Function,
                                        ASTContext &Context) {
  if (!isCoroutine(Function) || !isScopeGenerator(Function))
    return;
  const FunctionFlow *Flow = Functions->flowOf(Function, Context);
  if (!Flow)
    return;
  Generator G(Function, *Flow, Context);
  forEachOwnStatement(*Function.getBody(), [&](const Stmt &S) {
    G.OwnStatements.insert(&S);
    if (const auto *Yield = dyn_cast<CoyieldExpr>(&S))
      G.Yields.push_back(Yield);
    else if (const auto *Declaration = dyn_cast<DeclStmt>(&S))
      for (const Decl *D : Declaration->decls())
        if (const auto *Local = dyn_cast<VarDecl>(D))
          G.Locals.push_back(Local);
  });

  checkYieldCount(G);
  for (unsigned I = 0; I < G.Yields.size(); ++I)
    checkSkippedCleanup(G, I);
}

void ScopeGeneratorCheck::checkYieldCount(const Generator &G) {
  // What the path so far has yielded: bit 0, nothing; bit 1, two or more
  // times; bit 2 + I, exactly once, at Yields[I].
  const unsigned None = 0, Many = 1, Width = G.Yields.size() + 2;
  llvm::DenseMap<const Stmt *, unsigned> IndexOf;
  for (unsigned I = 0; I < G.Yields.size(); ++I)
    IndexOf[G.Yields[I]] = I;

  // Runs a block's statements over the state at its entry; \p AtYield sees
  // the state just before each co_yield, \p AtThrow the state before each
  // statement of a try block that may throw into its handlers. (A co_yield
  // itself hands errors back as a value.)
  auto Transfer = [&](const CFGBlock &Block, llvm::BitVector State,
                      auto AtYield, auto AtThrow) {
    for (const CFGElement &Element : Block) {
      std::optional<CFGStmt> AsStmt = Element.getAs<CFGStmt>();
      if (!AsStmt)
        continue;
      const Stmt *S = AsStmt->getStmt();
      auto Index = IndexOf.find(S);
      if (Index == IndexOf.end()) {
        if (const CFGBlock *Handlers = G.Flow.exceptionTarget(*S);
            Handlers && mayThrow(*S))
          AtThrow(*Handlers, State);
        continue;
      }
      AtYield(Index->second, State);
      llvm::BitVector Next(Width);
      if (State.test(None))
        Next.set(2 + Index->second);
      if (State.find_next(None) != -1)
        Next.set(Many);
      State = std::move(Next);
    }
    return State;
  };
  auto IgnoreYield = [](unsigned, const llvm::BitVector &) {};
  auto IgnoreThrow = [](const CFGBlock &, const llvm::BitVector &) {};

  const CFG &Graph = G.Graph;
  std::vector<llvm::BitVector> In(Graph.getNumBlockIDs(),
                                  llvm::BitVector(Width));
  In[Graph.getEntry().getBlockID()].set(None);
  llvm::SmallVector<const CFGBlock *, 16> Pending{&Graph.getEntry()};
  auto Propagate = [&](const CFGBlock *To, const llvm::BitVector &State) {
    if (!To)
      return;
    llvm::BitVector &Entry = In[To->getBlockID()];
    llvm::BitVector Merged = Entry;
    Merged |= State;
    if (Merged != Entry) {
      Entry = std::move(Merged);
      Pending.push_back(To);
    }
  };
  while (!Pending.empty()) {
    const CFGBlock *Block = Pending.pop_back_val();
    llvm::BitVector Out =
        Transfer(*Block, In[Block->getBlockID()], IgnoreYield,
                 [&](const CFGBlock &Handlers, const llvm::BitVector &State) {
                   Propagate(&Handlers, State);
                 });
    for (const CFGBlock *Successor : Block->succs())
      Propagate(Successor, Out);
  }

  const SourceManager &SM = G.Context.getSourceManager();
  auto ReportYield = [&](unsigned Index, const llvm::BitVector &Before) {
    const CoyieldExpr *Yield = G.Yields[Index];
    if (Before.test(2 + Index)) {
      if (Reported.firstEditable(Yield->getSourceRange(), SM))
        diag(SM.getFileLoc(Yield->getBeginLoc()),
             "'co_yield' in a loop can run again on a later iteration, which "
             "throws 'std::logic_error' at run time; a scope generator yields "
             "exactly once");
      return;
    }
    for (unsigned Earlier = 0; Earlier < G.Yields.size(); ++Earlier) {
      if (!Before.test(2 + Earlier))
        continue;
      if (!Reported.firstEditable(Yield->getSourceRange(), SM))
        return;
      diag(SM.getFileLoc(Yield->getBeginLoc()),
           "second 'co_yield' on a path through scope generator %0 throws "
           "'std::logic_error' at run time; a scope generator yields exactly "
           "once")
          << G.describe();
      diag(SM.getFileLoc(G.Yields[Earlier]->getBeginLoc()),
           "first 'co_yield' on that path", DiagnosticIDs::Note);
      return;
    }
  };
  for (const CFGBlock *Block : Graph)
    Transfer(*Block, In[Block->getBlockID()], ReportYield, IgnoreThrow);

  // Paths that finish normally (co_return or the end of the body) with
  // nothing yielded. A path that throws only fails to enter, as intended.
  llvm::SmallVector<SourceLocation, 2> Ends;
  for (const CFGBlock *Block : Graph.getExit().preds()) {
    if (!Block || exceptionalExit(*Block))
      continue;
    if (!Transfer(*Block, In[Block->getBlockID()], IgnoreYield, IgnoreThrow)
             .test(None))
      continue;
    SourceLocation End = G.closingBrace();
    for (const CFGElement &Element : *Block)
      if (std::optional<CFGStmt> AsStmt = Element.getAs<CFGStmt>())
        if (isa<CoreturnStmt>(AsStmt->getStmt()))
          End = AsStmt->getStmt()->getBeginLoc();
    Ends.push_back(SM.getFileLoc(End));
  }
  if (Ends.empty() || !Reported.firstEditable(G.Function.getLocation(), SM))
    return;
  llvm::sort(
      Ends, [&](SourceLocation A, SourceLocation B) { return G.before(A, B); });
  diag(SM.getFileLoc(G.Function.getLocation()),
       "scope generator %0 can finish without 'co_yield'; entering it then "
       "throws 'std::logic_error' instead of providing its resource")
      << G.describe();
  for (SourceLocation End : Ends)
    diag(End, "this path finishes without yielding", DiagnosticIDs::Note);
}

void ScopeGeneratorCheck::checkSkippedCleanup(const Generator &G,
                                              unsigned YieldIndex) {
  const CoyieldExpr &Yield = *G.Yields[YieldIndex];
  std::optional<Outcome> Result = outcomeOf(Yield, *Functions);
  const CFGBlock *YieldBlock = G.Flow.blockOf(Yield);
  if (!Result || !YieldBlock)
    return;
  const CFG &Graph = G.Graph;
  const CFGBlock &Exit = Graph.getExit();
  // The cleanup candidates: what the generator acquired before yielding,
  // in a local it declared or through a parameter or member it called a
  // non-const member of (`co_await mutex.lock();`).
  llvm::SmallPtrSet<const ValueDecl *, 4> AcquiredThrough;
  auto ParameterOrMember = [](const ValueDecl &Object) {
    return isa<ParmVarDecl, FieldDecl>(Object);
  };
  for (const Stmt *S : G.OwnStatements)
    if (const auto *Call = dyn_cast<CallExpr>(S);
        Call && G.before(Call->getBeginLoc(), Yield.getBeginLoc()))
      if (const ValueDecl *Object = calledOnObject(*Call, ParameterOrMember))
        AcquiredThrough.insert(Object);
  auto AcquiredBefore = [&](const ValueDecl &Object) {
    if (AcquiredThrough.contains(&Object))
      return true;
    const auto *Variable = dyn_cast<VarDecl>(&Object);
    return Variable && Variable->hasLocalStorage() &&
           !isa<ParmVarDecl>(Variable) && Variable != Result->Variable &&
           llvm::is_contained(G.Locals, Variable) &&
           G.before(Variable->getLocation(), Yield.getBeginLoc());
  };
  // A step only success takes (`commit()`) is not the cleanup a failure
  // path skips.
  auto ForEachCleanup = [&](const llvm::BitVector &Blocks, auto Visit) {
    for (const CFGBlock *Block : Graph)
      if (Blocks.test(Block->getBlockID()))
        for (const CFGElement &Element : *Block)
          if (std::optional<CFGStmt> AsStmt = Element.getAs<CFGStmt>()) {
            const Stmt *S = AsStmt->getStmt();
            if (!G.OwnStatements.contains(S) || isSuccessOnly(*S))
              continue;
            if (const ValueDecl *Object = cleanedUpObject(*S, AcquiredBefore))
              Visit(*S, *Object);
          }
  };

  const SourceManager &SM = G.Context.getSourceManager();
  llvm::BitVector AfterYield = reachableFrom(Graph, *YieldBlock);
  for (const CFGBlock *Branch : Graph) {
    if (!AfterYield.test(Branch->getBlockID()) || Branch->succ_size() != 2)
      continue;
    const Expr *Condition = branchCondition(*Branch);
    std::optional<bool> FailedWhenTrue =
        Condition ? testsExceptionPointer(
                        *Condition,
                        [&](const Expr &E) { return Result->isOutcome(E); })
                  : std::nullopt;
    if (!FailedWhenTrue)
      continue;
    const CFGBlock *Failed =
        *(Branch->succ_begin() + (*FailedWhenTrue ? 0 : 1));
    const CFGBlock *Succeeded =
        *(Branch->succ_begin() + (*FailedWhenTrue ? 1 : 0));
    const Stmt *BranchStatement = Branch->getTerminatorStmt();
    if (!Failed || !Succeeded || !BranchStatement)
      continue;
    SourceLocation BranchEnd = BranchStatement->getEndLoc();
    llvm::BitVector OnFailure = reachableFrom(Graph, *Failed);
    llvm::BitVector OnSuccess = reachableFrom(Graph, *Succeeded);

    for (const CFGBlock *Leaving : Exit.preds()) {
      if (!Leaving || !OnFailure.test(Leaving->getBlockID()))
        continue;
      const Stmt *ExitStmt = exceptionalExit(*Leaving);
      for (const CFGElement &Element : *Leaving)
        if (std::optional<CFGStmt> AsStmt = Element.getAs<CFGStmt>())
          if (isa<CoreturnStmt>(AsStmt->getStmt()))
            ExitStmt = AsStmt->getStmt();
      // An exception no handler matched leaves from the throw that the path
      // has already passed, which is where it is reported.
      if (!ExitStmt || isa<CXXTryStmt>(ExitStmt) ||
          !G.OwnStatements.contains(ExitStmt))
        continue;
      // The failure path to this exit, and what it cleans up on its way.
      llvm::BitVector Path = reaching(Graph, *Leaving);
      Path &= OnFailure;
      llvm::SmallPtrSet<const ValueDecl *, 4> HandledOnFailure;
      ForEachCleanup(Path, [&](const Stmt &, const ValueDecl &Object) {
        HandledOnFailure.insert(&Object);
      });
      // Code in the success branch itself is success-only by design (the
      // `else` of try/except/else); what follows the branch was meant for
      // every outcome, and the failure path skips it.
      llvm::BitVector Skipped = OnSuccess;
      Skipped.reset(Path);
      const Stmt *FirstSkipped = nullptr;
      ForEachCleanup(
          Skipped, [&](const Stmt &Cleanup, const ValueDecl &Object) {
            if (!HandledOnFailure.contains(&Object) &&
                G.before(BranchEnd, Cleanup.getBeginLoc()) &&
                (!FirstSkipped ||
                 G.before(Cleanup.getBeginLoc(), FirstSkipped->getBeginLoc())))
              FirstSkipped = &Cleanup;
          });
      if (!FirstSkipped ||
          !Reported.firstEditable(ExitStmt->getSourceRange(), SM))
        continue;
      ExitKind Kind = isa<CoreturnStmt>(ExitStmt)   ? ExitKind::Return
                      : isa<CXXThrowExpr>(ExitStmt) ? ExitKind::Throw
                      : rethrownPointer(*ExitStmt)  ? ExitKind::Rethrow
                                                    : ExitKind::NoReturnCall;
      diag(SM.getFileLoc(ExitStmt->getBeginLoc()),
           "%select{rethrowing|throwing|returning|leaving}0 here when the "
           "body failed or was cancelled skips the cleanup after it; code "
           "after 'co_yield' runs on every outcome, and 'async_context' "
           "rethrows the body's exception itself")
          << static_cast<unsigned>(Kind);
      diag(SM.getFileLoc(FirstSkipped->getBeginLoc()),
           "cleanup skipped on that path", DiagnosticIDs::Note);
    }
  }
}

} // namespace clang::tidy::coroscope
