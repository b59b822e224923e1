//===--- UnawaitedAwaitableCheck.cpp - coroscope --------------------------===//

#include "UnawaitedAwaitableCheck.h"
#include "utils/ExpressionFacts.h"
#include "utils/FunctionBody.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

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

/// What goes wrong when \p Awaitable is dropped: what its profile says, else
/// what its kind implies (WhatGoesWrong, indexed by argument 1).
std::string whatGoesWrong(const AwaitableFacts &Awaitable) {
  if (Awaitable.Profiled && !Awaitable.Profiled->Dropped.empty())
    return Awaitable.Profiled->Dropped.str();
  return WhatGoesWrong.str();
}

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

/// Calls \p Visit on each child of \p S whose value \p S discards: the
/// positions upstream's bugprone-unused-return-value enumerates. The right
/// operand of a comma is the comma's own value.
void forEachDiscarded(const Stmt &S,
                      llvm::function_ref<void(const Expr &)> Visit) {
  auto VisitIfExpr = [&](const Stmt *Child) {
    if (const auto *Discarded = dyn_cast_or_null<Expr>(Child))
      Visit(*Discarded);
  };
  if (isa<CompoundStmt, SwitchCase, LabelStmt>(S)) {
    for (const Stmt *Child : S.children())
      VisitIfExpr(Child);
  } else if (const auto *If = dyn_cast<IfStmt>(&S)) {
    VisitIfExpr(If->getInit());
    VisitIfExpr(If->getThen());
    VisitIfExpr(If->getElse());
  } else if (const auto *Switch = dyn_cast<SwitchStmt>(&S)) {
    VisitIfExpr(Switch->getInit());
    VisitIfExpr(Switch->getBody());
  } else if (const auto *While = dyn_cast<WhileStmt>(&S)) {
    VisitIfExpr(While->getBody());
  } else if (const auto *Do = dyn_cast<DoStmt>(&S)) {
    VisitIfExpr(Do->getBody());
  } else if (const auto *For = dyn_cast<ForStmt>(&S)) {
    VisitIfExpr(For->getInit());
    VisitIfExpr(For->getInc());
    VisitIfExpr(For->getBody());
  } else if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(&S)) {
    VisitIfExpr(RangeFor->getInit());
    VisitIfExpr(RangeFor->getBody());
  } else if (const auto *Binary = dyn_cast<BinaryOperator>(&S);
             Binary && Binary->getOpcode() == BO_Comma) {
    VisitIfExpr(Binary->getLHS());
  }
}

/// True when \p Call, in an instantiation of a template \p Function, is
/// type-dependent as written: what it is differs between instantiations, and
/// an edit of the written code would apply to them all.
bool dependentAsWritten(const Expr &Call, const FunctionDecl &Function) {
  const FunctionDecl *Pattern = Function.getTemplateInstantiationPattern();
  if (!Pattern || !Pattern->getBody())
    return false;
  bool Dependent = false;
  forEachOwnStatement(*Pattern->getBody(), [&](const Stmt &S) {
    if (const auto *Written = dyn_cast<Expr>(&S);
        Written && Written->getBeginLoc() == Call.getBeginLoc() &&
        Written->isTypeDependent())
      Dependent = true;
  });
  return Dependent;
}

} // namespace

UnawaitedAwaitableCheck::UnawaitedAwaitableCheck(StringRef Name,
                                                 ClangTidyContext *Context)
    : LibraryAwareCheck(Name, Context),
      AllowVoidCast(Options.get("AllowVoidCast", true)),
      AwaitableTypes(Options.get("AwaitableTypes", ""), *this,
                     "AwaitableTypes"),
      IgnoredTypes(Options.get("IgnoredTypes", ""), *this, "IgnoredTypes"),
      Facts(AwaitableTypes, Profiles) {}

void UnawaitedAwaitableCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  LibraryAwareCheck::storeOptions(Opts);
  Options.store(Opts, "AllowVoidCast", AllowVoidCast);
  Options.store(Opts, "AwaitableTypes", AwaitableTypes.source());
  Options.store(Opts, "IgnoredTypes", IgnoredTypes.source());
}

void UnawaitedAwaitableCheck::registerMatchers(MatchFinder *Finder) {
  // The check walks each function's statements itself: a matcher for each
  // position that discards a value would be tried on every statement of the
  // unit, system headers included.
  Functions = EnclosingFunctions::of(*Finder);
  Functions->onEachFunction(
      [this](const FunctionDecl &Function, ASTContext &Context) {
        checkFunction(Function, Context);
      });
  // Initializers that no function's statements hold, where a comma
  // discards its left operand too, are read from the declarations: a
  // matcher would be tried on every variable and parameter of the unit.
  Finder->addMatcher(translationUnitDecl().bind("unit"), this);
}

void UnawaitedAwaitableCheck::check(const MatchFinder::MatchResult &Result) {
  // In clangd the traversal scope is the main file's top-level declarations:
  // the unit's other declarations come from the preamble.
  for (const Decl *Top : Result.Context->getTraversalScope())
    if (const auto *Unit = dyn_cast<TranslationUnitDecl>(Top))
      checkInitializers(Unit->decls(), *Result.Context);
    else
      checkInitializers(Top, *Result.Context);
}

void UnawaitedAwaitableCheck::checkInitializers(
    DeclContext::decl_range Declarations, ASTContext &Context) {
  for (const Decl *D : Declarations)
    checkInitializers(D, Context);
}

void UnawaitedAwaitableCheck::checkInitializers(const Decl *D,
                                                ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  if (D->isImplicit() ||
      SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
    return;
  if (const auto *Template = dyn_cast<TemplateDecl>(D))
    D = Template->getTemplatedDecl();
  llvm::SmallVector<const Expr *, 2> Initializers;
  if (const auto *Variable = dyn_cast_or_null<VarDecl>(D))
    Initializers.push_back(Variable->getInit());
  else if (const auto *Field = dyn_cast_or_null<FieldDecl>(D))
    Initializers.push_back(Field->getInClassInitializer());
  else if (const auto *Function = dyn_cast_or_null<FunctionDecl>(D))
    for (const ParmVarDecl *Parameter : Function->parameters())
      if (Parameter->hasDefaultArg() &&
          !Parameter->hasUninstantiatedDefaultArg() &&
          !Parameter->hasUnparsedDefaultArg())
        Initializers.push_back(Parameter->getDefaultArg());
  for (const Expr *Initializer : Initializers)
    if (Initializer)
      forEachOwnStatement(*Initializer, [&](const Stmt &S) {
        forEachDiscarded(S, [&](const Expr &Discarded) {
          diagnoseDiscarded(&Discarded, nullptr, Context);
        });
      });
  if (isa_and_nonnull<NamespaceDecl, CXXRecordDecl, LinkageSpecDecl>(D))
    checkInitializers(cast<DeclContext>(D)->decls(), Context);
}

void UnawaitedAwaitableCheck::checkFunction(const FunctionDecl &Function,
                                            ASTContext &Context) {
  HandedOn.reset();
  // A GNU statement expression gives the value of its block's last
  // statement; the walk meets the expression before the block.
  llvm::SmallPtrSet<const Stmt *, 4> StatementExpressionBlocks;
  forEachOwnStatement(Function, [&](const Stmt &S) {
    if (const auto *Expression = dyn_cast<StmtExpr>(&S)) {
      StatementExpressionBlocks.insert(Expression->getSubStmt());
      return;
    }
    if (const auto *Declaration = dyn_cast<DeclStmt>(&S)) {
      for (const Decl *D : Declaration->decls())
        if (const auto *Local = dyn_cast<VarDecl>(D))
          diagnoseUnusedLocal(*Local, Function, Context);
      return;
    }
    if (!StatementExpressionBlocks.contains(&S))
      forEachDiscarded(S, [&](const Expr &Discarded) {
        diagnoseDiscarded(&Discarded, &Function, Context);
      });
  });
}

void UnawaitedAwaitableCheck::diagnoseDiscarded(const Expr *Discarded,
                                                const FunctionDecl *Function,
                                                ASTContext &Context) {
  Discarded = skipImplicitWrappers(Discarded);
  if (!Discarded || Discarded->containsErrors())
    return;
  if (const auto *Binary = dyn_cast<BinaryOperator>(Discarded)) {
    // forEachDiscarded hands the left operand over on its own.
    if (Binary->getOpcode() == BO_Comma)
      diagnoseDiscarded(Binary->getRHS(), Function, Context);
    return;
  }
  if (const auto *Conditional = dyn_cast<ConditionalOperator>(Discarded)) {
    diagnoseDiscarded(Conditional->getTrueExpr(), Function, Context);
    diagnoseDiscarded(Conditional->getFalseExpr(), Function, Context);
    return;
  }
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(Discarded)) {
    if (Cast->getType()->isVoidType() && !AllowVoidCast)
      diagnoseCall(*skipImplicitWrappers(Cast->getSubExpr()), Function, Context,
                   /*OfferFix=*/false);
    return;
  }
  diagnoseCall(*Discarded, Function, Context, /*OfferFix=*/true);
}

void UnawaitedAwaitableCheck::diagnoseCall(const Expr &Call,
                                           const FunctionDecl *Function,
                                           ASTContext &Context, bool OfferFix) {
  if (!isa<CallExpr>(Call) || !Call.isPRValue() || Call.isTypeDependent())
    return;
  AwaitableFacts Awaitable = Facts.classify(Call.getType());
  if (!Awaitable.IsAwaitable || isIgnored(Call.getType()))
    return;
  if (Profiles.detaches(cast<CallExpr>(Call)) ||
      Profiles.readsPromise(cast<CallExpr>(Call)))
    return;
  if (!isReportedIn(Awaitable, Function))
    return;
  const SourceManager &SM = Context.getSourceManager();
  std::optional<SourceLocation> Loc =
      Reported.firstEditable(Call.getSourceRange(), SM);
  if (!Loc)
    return;

  unsigned Kind = selectIndex(Awaitable.Start);
  // The library of what is discarded speaks for it; else the function's.
  const Remedies &Remedy =
      Awaitable.Library ? Awaitable.Library->Remedy
      : Function        ? remediesFor(*Function)
                        : neutralRemedies();
  if (isa_and_nonnull<CXXDestructorDecl>(Function)) {
    diag(*Loc, ("result of %0 is " + WhatItIs +
                " that is discarded in a destructor, where it can never be "
                "awaited; " +
                whatGoesWrong(Awaitable))
                   .str())
        << describeCallee(Call) << Kind;
    note(*Loc, Remedy.AsyncCleanup);
    return;
  }

  bool InCoroutine = Function && isCoroutine(*Function);
  bool InHandler = InCoroutine && Functions->isInsideHandler(Call);
  // Awaiting is certainly what was meant only for a lazy task, whose body
  // otherwise never runs: an eager task may be fire-and-forget on purpose,
  // and waiting for it could hang the caller (a heartbeat loop).
  bool Lazy = Awaitable.Start == TaskStart::Lazy;
  {
    auto Diag = diag(*Loc, ("result of %0 is " + WhatItIs +
                            " that is discarded without being awaited; " +
                            whatGoesWrong(Awaitable))
                               .str())
                << describeCallee(Call) << Kind;
    if (OfferFix && Lazy && InCoroutine && !InHandler &&
        Call.getBeginLoc().isFileID() && Call.getEndLoc().isFileID() &&
        !dependentAsWritten(Call, *Function)) {
      // An operand of an overloaded operator (`a || b` on awaitables)
      // awaits the whole expression only in parentheses.
      if (isa<CXXOperatorCallExpr>(Call))
        Diag << FixItHint::CreateInsertion(Call.getBeginLoc(), "co_await (")
             << FixItHint::CreateInsertion(
                    Lexer::getLocForEndOfToken(Call.getEndLoc(), 0,
                                               Context.getSourceManager(),
                                               Context.getLangOpts()),
                    ")");
      else
        Diag << FixItHint::CreateInsertion(Call.getBeginLoc(), "co_await ");
    }
  }
  if (InHandler)
    diag(*Loc,
         "'co_await' is not allowed in a handler: store "
         "'std::current_exception()', await after the handler, then "
         "rethrow",
         DiagnosticIDs::Note);
  else if (InCoroutine && !Lazy)
    diag(*Loc,
         "'co_await' it to wait for it%select{|; %1}0", DiagnosticIDs::Note)
        << (Awaitable.Start == TaskStart::Eager ||
            Awaitable.Start == TaskStart::Unknown)
        << (Awaitable.Profiled && !Awaitable.Profiled->Detach.empty()
                ? "to run it in the background on purpose, " +
                      Awaitable.Profiled->Detach.str()
                : Remedy.Detach.str());
}

void UnawaitedAwaitableCheck::diagnoseUnusedLocal(const VarDecl &Local,
                                                  const FunctionDecl &Function,
                                                  ASTContext &Context) {
  if (!Local.hasLocalStorage() || Local.isInvalidDecl() ||
      !Local.getType().getCanonicalType()->isRecordType() ||
      Local.hasAttr<UnusedAttr>() || isa<DecompositionDecl>(Local) ||
      !Local.getInit() || Local.getInit()->containsErrors())
    return;
  const Expr *Init = skipImplicitWrappers(Local.getInit());
  if (!isa<CallExpr>(Init) || Init->isTypeDependent() ||
      Profiles.readsPromise(cast<CallExpr>(*Init)))
    return;
  AwaitableFacts Awaitable = Facts.classify(Local.getType());
  if (!Awaitable.IsAwaitable || isIgnored(Local.getType()))
    return;

  if (!isReportedIn(Awaitable, &Function) ||
      handedOn(Function).contains(&Local))
    return;

  std::optional<SourceLocation> Loc =
      Reported.firstEditable(Local.getLocation(), Context.getSourceManager());
  if (!Loc)
    return;
  diag(*Loc, ("%0 holds " + WhatItIs +
              " that is never awaited, returned or passed on; " +
              whatGoesWrong(Awaitable))
                 .str())
      << &Local << selectIndex(Awaitable.Start);
}

const llvm::DenseSet<const VarDecl *> &
UnawaitedAwaitableCheck::handedOn(const FunctionDecl &Function) {
  if (HandedOn)
    return *HandedOn;
  llvm::DenseSet<const VarDecl *> &Variables = HandedOn.emplace();
  // One walk per function, lambdas included: a lambda may await a local it
  // captures by reference.
  forEachStatement(*Function.getBody(), [&](const Stmt &S) {
    const auto *Ref = dyn_cast<DeclRefExpr>(&S);
    const auto *Variable = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (Variable && Variable->hasLocalStorage() &&
        !Variable->getType()->isDependentType() &&
        Facts.classify(Variable->getType()).IsAwaitable &&
        !isConstMemberCall(*Ref, *Functions))
      Variables.insert(Variable);
  });
  return Variables;
}

bool UnawaitedAwaitableCheck::isIgnored(QualType Type) const {
  const auto *Record = Type.getCanonicalType()->getAsCXXRecordDecl();
  return Record && IgnoredTypes.matches(*Record);
}

} // namespace clang::tidy::coroscope
