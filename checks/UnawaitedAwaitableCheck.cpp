//===--- UnawaitedAwaitableCheck.cpp - coroscope --------------------------===//

#include "UnawaitedAwaitableCheck.h"
#include "utils/ExpressionFacts.h"
#include "utils/FunctionBody.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coroscope {
namespace {

/// Indexes the %select lists of the messages below.
unsigned selectIndex(TaskStart Start) {
  switch (Start) {
  case TaskStart::Lazy:
    return 0;
  case TaskStart::Eager:
    return 1;
  case TaskStart::Unknown:
    return 2;
  case TaskStart::NotATask:
    return 3;
  }
  llvm_unreachable("unknown TaskStart");
}

constexpr llvm::StringLiteral WhatItIs =
    "%select{a lazy task|an eager task|a task|an awaitable}1";
constexpr llvm::StringLiteral WhatGoesWrong =
    "%select{its body never runs|it runs detached and its exception is "
    "lost|it never runs, or runs detached with its exception lost|the "
    "operation is never awaited and its result and exception are lost}1";

/// How the message names what produced the value: the function, or "lambda".
std::string describeCallee(const Expr &Call) {
  const auto *AsCall = dyn_cast<CallExpr>(&Call);
  const auto *Callee =
      AsCall ? dyn_cast_or_null<FunctionDecl>(AsCall->getCalleeDecl())
             : nullptr;
  if (!Callee)
    return "the call";
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
      Method && Method->getParent()->isLambda())
    return "the lambda call";
  return "'" + Callee->getNameAsString() + "'";
}

/// A task is dropped work wherever it is dropped. Any other awaitable is
/// reported only where it could have been awaited (a coroutine) or where
/// asynchronous cleanup is a known mistake (a destructor): in plain functions
/// such objects are mostly futures of work already under way, whose
/// continuation APIs (`then`) return a new future that is fine to drop.
bool isReportedIn(const AwaitableFacts &Awaitable,
                  const FunctionDecl *Function) {
  return Awaitable.isTask() || (Function && (isCoroutine(*Function) ||
                                             isa<CXXDestructorDecl>(Function)));
}

/// True when \p Ref names the object of a call of one of its const member
/// functions, which can neither await nor hand on what it holds.
bool isConstMemberCall(const DeclRefExpr &Ref, EnclosingFunctions &Functions) {
  const Stmt *Parent = Functions.parent(Ref);
  while (isa_and_nonnull<ImplicitCastExpr>(Parent))
    Parent = Functions.parent(*Parent);
  const auto *Member = dyn_cast_or_null<MemberExpr>(Parent);
  if (!Member)
    return false;
  const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
  return Method && Method->isConst();
}

} // namespace

UnawaitedAwaitableCheck::UnawaitedAwaitableCheck(StringRef Name,
                                                 ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      AllowVoidCast(Options.get("AllowVoidCast", true)),
      AwaitableTypes(Options.get("AwaitableTypes", "")),
      IgnoredTypes(Options.get("IgnoredTypes", "")), Facts(AwaitableTypes),
      Functions(getID()) {}

void UnawaitedAwaitableCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "AllowVoidCast", AllowVoidCast);
  Options.store(Opts, "AwaitableTypes", AwaitableTypes.source());
  Options.store(Opts, "IgnoredTypes", IgnoredTypes.source());
}

void UnawaitedAwaitableCheck::registerMatchers(MatchFinder *Finder) {
  Functions.registerMatchers(*Finder);
  // Every position in which a statement's value is discarded, as upstream's
  // bugprone-unused-return-value enumerates them. A GNU statement expression
  // is matched before the block it holds, whose value it gives.
  Finder->addMatcher(stmtExpr().bind("statement-expression"), this);
  auto Discarded = expr().bind("discarded");
  Finder->addMatcher(compoundStmt(forEach(Discarded)).bind("block"), this);
  Finder->addMatcher(ifStmt(eachOf(hasThen(Discarded), hasElse(Discarded))),
                     this);
  Finder->addMatcher(whileStmt(hasBody(Discarded)), this);
  Finder->addMatcher(doStmt(hasBody(Discarded)), this);
  Finder->addMatcher(
      forStmt(eachOf(hasLoopInit(Discarded), hasIncrement(Discarded),
                     hasBody(Discarded))),
      this);
  Finder->addMatcher(cxxForRangeStmt(hasBody(Discarded)), this);
  Finder->addMatcher(switchCase(forEach(Discarded)), this);
  Finder->addMatcher(labelStmt(forEach(Discarded)), this);
  // The left operand of a comma is discarded wherever the comma is.
  Finder->addMatcher(binaryOperator(hasOperatorName(","), hasLHS(Discarded)),
                     this);

  Finder->addMatcher(
      declStmt(forEach(varDecl(hasLocalStorage(),
                               hasType(hasCanonicalType(recordType())),
                               hasInitializer(expr()))
                           .bind("local"))),
      this);
}

void UnawaitedAwaitableCheck::onEndOfTranslationUnit() {
  StatementExpressionBlocks.clear();
  HandedOn.clear();
}

void UnawaitedAwaitableCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Expression =
          Result.Nodes.getNodeAs<StmtExpr>("statement-expression")) {
    StatementExpressionBlocks.insert(Expression->getSubStmt());
    return;
  }
  if (const auto *Block = Result.Nodes.getNodeAs<CompoundStmt>("block");
      Block && StatementExpressionBlocks.contains(Block))
    return;
  if (const auto *Local = Result.Nodes.getNodeAs<VarDecl>("local"))
    diagnoseUnusedLocal(*Local, *Result.Context);
  else if (const auto *Discarded = Result.Nodes.getNodeAs<Expr>("discarded"))
    diagnoseDiscarded(Discarded, *Result.Context);
}

void UnawaitedAwaitableCheck::diagnoseDiscarded(const Expr *Discarded,
                                                ASTContext &Context) {
  Discarded = skipImplicitWrappers(Discarded);
  if (!Discarded || Discarded->containsErrors())
    return;
  if (const auto *Binary = dyn_cast<BinaryOperator>(Discarded)) {
    // The left operand is matched on its own; see registerMatchers.
    if (Binary->getOpcode() == BO_Comma)
      diagnoseDiscarded(Binary->getRHS(), Context);
    return;
  }
  if (const auto *Conditional = dyn_cast<ConditionalOperator>(Discarded)) {
    diagnoseDiscarded(Conditional->getTrueExpr(), Context);
    diagnoseDiscarded(Conditional->getFalseExpr(), Context);
    return;
  }
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(Discarded)) {
    if (Cast->getType()->isVoidType() && !AllowVoidCast)
      diagnoseCall(*skipImplicitWrappers(Cast->getSubExpr()), Context,
                   /*OfferFix=*/false);
    return;
  }
  diagnoseCall(*Discarded, Context, /*OfferFix=*/true);
}

void UnawaitedAwaitableCheck::diagnoseCall(const Expr &Call,
                                           ASTContext &Context, bool OfferFix) {
  if (!isa<CallExpr>(Call) || !Call.isPRValue() || Call.isTypeDependent())
    return;
  AwaitableFacts Awaitable = Facts.classify(Call.getType());
  if (!Awaitable.IsAwaitable || isIgnored(Call.getType()))
    return;
  const FunctionDecl *Function = Functions.enclosingFunction(Call);
  if (!isReportedIn(Awaitable, Function))
    return;
  const SourceManager &SM = Context.getSourceManager();
  std::optional<SourceLocation> Loc =
      Reported.firstEditable(Call.getSourceRange(), SM);
  if (!Loc)
    return;

  unsigned Kind = selectIndex(Awaitable.Start);
  if (isa_and_nonnull<CXXDestructorDecl>(Function)) {
    diag(*Loc, ("result of %0 is " + WhatItIs +
                " that is discarded in a destructor, where it can never be "
                "awaited; " +
                WhatGoesWrong)
                   .str())
        << describeCallee(Call) << Kind;
    diag(*Loc,
         "run asynchronous cleanup from 'async_exit' under "
         "'coroscope::async_with', or register it on a "
         "'coroscope::exit_stack'",
         DiagnosticIDs::Note);
    return;
  }

  bool InCoroutine = Function && isCoroutine(*Function);
  bool InHandler = InCoroutine && Functions.isInsideHandler(Call);
  {
    auto Diag = diag(*Loc, ("result of %0 is " + WhatItIs +
                            " that is discarded without being awaited; " +
                            WhatGoesWrong)
                               .str())
                << describeCallee(Call) << Kind;
    if (OfferFix && InCoroutine && !InHandler && Call.getBeginLoc().isFileID())
      Diag << FixItHint::CreateInsertion(Call.getBeginLoc(), "co_await ");
  }
  if (InHandler)
    diag(*Loc,
         "'co_await' is not allowed in a handler: store "
         "'std::current_exception()' and await after the handler, or "
         "let 'coroscope::exit_stack' run the cleanup",
         DiagnosticIDs::Note);
}

void UnawaitedAwaitableCheck::diagnoseUnusedLocal(const VarDecl &Local,
                                                  ASTContext &Context) {
  if (Local.isInvalidDecl() || Local.hasAttr<UnusedAttr>() ||
      isa<DecompositionDecl>(Local) || !Local.getInit() ||
      Local.getInit()->containsErrors())
    return;
  const Expr *Init = skipImplicitWrappers(Local.getInit());
  if (!isa<CallExpr>(Init) || Init->isTypeDependent())
    return;
  AwaitableFacts Awaitable = Facts.classify(Local.getType());
  if (!Awaitable.IsAwaitable || isIgnored(Local.getType()))
    return;

  const FunctionDecl *Function = Functions.enclosingFunction(*Local.getInit());
  if (!Function || !isReportedIn(Awaitable, Function) ||
      handedOn(*Function).contains(&Local))
    return;

  std::optional<SourceLocation> Loc =
      Reported.firstEditable(Local.getLocation(), Context.getSourceManager());
  if (!Loc)
    return;
  diag(*Loc, ("%0 holds " + WhatItIs +
              " that is never awaited, returned or passed on; " + WhatGoesWrong)
                 .str())
      << &Local << selectIndex(Awaitable.Start);
}

const llvm::DenseSet<const VarDecl *> &
UnawaitedAwaitableCheck::handedOn(const FunctionDecl &Function) {
  auto [Entry, Inserted] = HandedOn.try_emplace(&Function);
  llvm::DenseSet<const VarDecl *> &Variables = Entry->second;
  if (Inserted)
    // One walk per function, lambdas included: a lambda may await a local it
    // captures by reference.
    forEachStatement(*Function.getBody(), [&](const Stmt &S) {
      const auto *Ref = dyn_cast<DeclRefExpr>(&S);
      const auto *Variable = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
      if (Variable && Variable->hasLocalStorage() &&
          !Variable->getType()->isDependentType() &&
          Facts.classify(Variable->getType()).IsAwaitable &&
          !isConstMemberCall(*Ref, Functions))
        Variables.insert(Variable);
    });
  return Variables;
}

bool UnawaitedAwaitableCheck::isIgnored(QualType Type) const {
  const auto *Record = Type.getCanonicalType()->getAsCXXRecordDecl();
  return Record && IgnoredTypes.matches(*Record);
}

} // namespace clang::tidy::coroscope
