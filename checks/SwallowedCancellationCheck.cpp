//===--- SwallowedCancellationCheck.cpp - coroscope -----------------------===//

#include "SwallowedCancellationCheck.h"
#include "utils/CoroutineFacts.h"
#include "utils/ExceptionFacts.h"
#include "utils/ExpressionFacts.h"
#include "utils/FunctionBody.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coroscope {

namespace {

/// Calls that report rather than clean up: a handler that only logs does no
/// cleanup of its own that a rethrowing handler inserted before it would
/// skip.
bool reports(const FunctionDecl &Callee) {
  std::string Name = qualifiedName(Callee);
  return Name == "std::current_exception" ||
         llvm::any_of(std::initializer_list<llvm::StringRef>{
                          "log", "print", "trace", "debug", "warn", "error",
                          "report", "format", "fmt::", "spdlog::"},
                      [&](llvm::StringRef Word) {
                        return llvm::StringRef(Name).contains_insensitive(Word);
                      });
}

/// True when \p Handler may clean something up (release, close, roll back)
/// besides reporting and capturing the exception: a call made for its
/// effect (its value discarded) that is no report, or a `delete`. Calls
/// whose value is used, such as a condition's, are questions.
bool mayCleanUp(const CXXCatchStmt &Handler) {
  bool Cleans = false;
  auto Judge = [&](const Stmt *S) {
    const auto *Effect = dyn_cast_or_null<Expr>(S);
    if (!Effect)
      return;
    Effect = skipImplicitWrappers(Effect);
    if (isa<CXXDeleteExpr>(Effect))
      Cleans = true;
    else if (const auto *Call = dyn_cast<CallExpr>(Effect);
             Call && !isa<CXXOperatorCallExpr>(Call))
      Cleans |= !Call->getDirectCallee() || !reports(*Call->getDirectCallee());
  };
  forEachOwnStatement(*Handler.getHandlerBlock(), [&](const Stmt &S) {
    if (const auto *Block = dyn_cast<CompoundStmt>(&S))
      llvm::for_each(Block->body(), Judge);
    else if (const auto *If = dyn_cast<IfStmt>(&S)) {
      Judge(If->getThen());
      Judge(If->getElse());
    }
  });
  return Cleans;
}

/// How to spell \p Class in code at \p Site so that it names the class: its
/// qualified name without unwritten scopes (anonymous and inline
/// namespaces), with a leading `::` when a scope around the site declares
/// the name it starts with as something else.
std::string spelledAt(const CXXRecordDecl &Class, const DeclContext &Site) {
  PrintingPolicy Policy(Class.getASTContext().getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  std::string Spelled;
  llvm::raw_string_ostream Out(Spelled);
  Class.printQualifiedName(Out, Policy);
  Out.flush();
  llvm::StringRef First = llvm::StringRef(Spelled).split("::").first;
  // The declaration the first name stands for, seen from the global scope.
  const Decl *Outermost = &Class;
  for (const DeclContext *Scope = Class.getDeclContext();
       Scope && !Scope->isTranslationUnit(); Scope = Scope->getParent())
    if (const auto *Named = dyn_cast<NamedDecl>(Scope);
        Named && Named->getIdentifier() && !Scope->isInlineNamespace())
      Outermost = Named;
  DeclarationName Name(&Class.getASTContext().Idents.get(First));
  for (const DeclContext *Scope = &Site; Scope; Scope = Scope->getParent()) {
    if (Scope->isTranslationUnit() || Scope->isTransparentContext())
      continue;
    DeclContext::lookup_result Found = Scope->getPrimaryContext()->lookup(Name);
    if (Found.empty())
      continue;
    bool Same = llvm::any_of(Found, [&](const NamedDecl *D) {
      return D->getCanonicalDecl() == Outermost->getCanonicalDecl();
    });
    return Same ? Spelled : "::" + Spelled;
  }
  return Spelled;
}

std::string describe(const CancellationClass &Exception) {
  std::string Name = "'" + Exception.Class->getQualifiedNameAsString() + "'";
  if (!Exception.Code.empty())
    Name += " with '" + Exception.Code.str() + "'";
  return Name;
}

} // namespace

SwallowedCancellationCheck::SwallowedCancellationCheck(
    StringRef Name, ClangTidyContext *Context)
    : LibraryAwareCheck(Name, Context),
      Cancellation(
          Options.get("CancellationExceptions", DefaultCancellationExceptions),
          Profiles, *this, "CancellationExceptions"),
      CheckNonCoroutines(Options.get("CheckNonCoroutines", false)) {}

void SwallowedCancellationCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  LibraryAwareCheck::storeOptions(Opts);
  Options.store(Opts, "CancellationExceptions", Cancellation.source());
  Options.store(Opts, "CheckNonCoroutines", CheckNonCoroutines);
}

void SwallowedCancellationCheck::registerMatchers(MatchFinder *Finder) {
  Functions = EnclosingFunctions::of(*Finder);
  Finder->addMatcher(
      cxxCatchStmt(unless(isExpansionInSystemHeader())).bind("handler"), this);
}

void SwallowedCancellationCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Matched = Result.Nodes.getNodeAs<CXXCatchStmt>("handler");
  for (const HandlerInFunction &Instance :
       analyzableInstances(*Matched, *Functions))
    checkHandler(Instance, *Result.Context);
}

void SwallowedCancellationCheck::checkHandler(const HandlerInFunction &Instance,
                                              ASTContext &Context) {
  const CXXCatchStmt &Handler = *Instance.Handler;
  const CXXTryStmt &Try = *Instance.Try;
  bool Coroutine = isCoroutine(*Instance.Function);
  if (!Coroutine && !CheckNonCoroutines)
    return;
  if (!(Coroutine ? Cancellation.mayDeliver(*Try.getTryBlock())
                  : mayThrow(*Try.getTryBlock())))
    return;

  llvm::SmallVector<CancellationClass, 2> Caught;
  for (const CancellationReceiver &Receiver :
       Cancellation.receivers(Try, *Instance.Function, Context))
    if (Receiver.Handler == &Handler)
      Caught.push_back(Receiver.Exception);
  // A rethrowing handler of a base class covers the classes derived from it.
  llvm::erase_if(Caught, [&](const CancellationClass &Exception) {
    return llvm::any_of(Caught, [&](const CancellationClass &Base) {
      return Base.Class != Exception.Class && Base.Code.empty() &&
             Exception.Class->isDerivedFrom(Base.Class);
    });
  });
  if (Caught.empty())
    return;

  // Only now is the CFG worth building.
  ExceptionPaths *Paths =
      Functions->exceptionPathsOf(*Instance.Function, Context);
  const FunctionFlow *Flow = Functions->flowOf(*Instance.Function, Context);
  if (!Paths || !Flow)
    return;
  llvm::SmallVector<const CXXRecordDecl *, 2> Classes;
  for (const CancellationClass &Exception : Caught)
    Classes.push_back(Exception.Class);
  ExceptionPaths::DropSearch Search{Classes};
  // A class that carries error codes is thrown for other errors too, and a
  // cooperative stop (cppcoro's) is asked for by whoever holds the token:
  // the handler swallows cancellation only where the coroutine goes on to
  // another suspension point (ending the coroutine, as asio's own examples
  // do, lets the cancelled work end; so does joining its scopes first, as
  // cppcoro's echo server does), and not on the branch where it tested the
  // code and rethrew.
  bool ByCode = llvm::all_of(Caught, [](const CancellationClass &Exception) {
    return !Exception.Code.empty();
  });
  bool EndingStops =
      llvm::all_of(Caught, [](const CancellationClass &Exception) {
        return !Exception.Code.empty() || Exception.StopsOnEnd;
      });
  const VarDecl *Variable = Handler.getExceptionDecl();
  auto TestsCode = [&](const Expr &Condition) -> std::optional<bool> {
    for (const CancellationClass &Exception : Caught)
      if (std::optional<bool> Cancelled =
              testsCancellationCode(Condition, *Variable, Exception.Code))
        return Cancelled;
    return std::nullopt;
  };
  auto JoinsAScope = [&](const Stmt &Suspension) {
    const CallExpr *Call = awaitedCall(Suspension);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    return Callee && Profiles.joinsAScope(*Callee);
  };
  auto GoesOn = [&](const ExceptionPaths::Drop &Drop) {
    return Drop.Continues &&
           Flow->mayReachSuspension(*Drop.Continues, Drop.ContinuesAt,
                                    [&](const Stmt &Suspension) {
                                      return !JoinsAScope(Suspension);
                                    });
  };
  if (EndingStops)
    Search.Counts = GoesOn;
  if (ByCode && Variable)
    Search.Branch = TestsCode;
  if (std::optional<ExceptionPaths::Drop> Drop =
          Paths->findDrop(Handler, Search))
    diagnose(Instance, *Drop, Caught, Coroutine, Context);
}

void SwallowedCancellationCheck::diagnose(const HandlerInFunction &Instance,
                                          const ExceptionPaths::Drop &Drop,
                                          llvm::ArrayRef<CancellationClass> Caught,
                                          bool Coroutine, ASTContext &Context) {
  const CXXCatchStmt &Handler = *Instance.Handler;
  const SourceManager &SM = Context.getSourceManager();
  std::optional<SourceLocation> Loc =
      Reported.firstEditable(Handler.getCatchLoc(), SM);
  if (!Loc)
    return;

  bool CatchAll = Handler.getExceptionDecl() == nullptr;
  const CXXRecordDecl *HandlerRecord =
      CatchAll
          ? nullptr
          : Handler.getCaughtType().getNonReferenceType()->getAsCXXRecordDecl();
  auto IsHandlerClass = [&](const CancellationClass &Exception) {
    return HandlerRecord && HandlerRecord->getCanonicalDecl() ==
                                Exception.Class->getCanonicalDecl();
  };
  // A catch-all or a base handler gets a rethrowing handler for each
  // cancellation class it would catch, inserted before it, only where that
  // is certainly right: each class is defined before it and no class is
  // the handler's own; none is thrown for other errors too, which the
  // inserted handler would rethrow as well; and the handler does no
  // cleanup of its own, which cancellation would then skip.
  bool Insertable =
      Handler.getCatchLoc().isFileID() && !mayCleanUp(Handler) &&
      llvm::all_of(Caught, [&](const CancellationClass &Exception) {
        // A handler of an incomplete class does not compile.
        return Exception.Code.empty() &&
               Exception.Class->isThisDeclarationADefinition() &&
               SM.isBeforeInTranslationUnit(Exception.Class->getLocation(),
                                            Handler.getCatchLoc()) &&
               !IsHandlerClass(Exception);
      });
  std::string Rethrowing;
  for (const CancellationClass &Exception : Caught)
    Rethrowing += "catch (const " +
                  spelledAt(*Exception.Class, *Instance.Function) +
                  "&) { throw; } ";

  {
    unsigned Form = CatchAll ? 0
                    : Caught.size() == 1 && Caught.front().Code.empty() &&
                            IsHandlerClass(Caught.front())
                        ? 2
                        : 1;
    // The class as declared, not the alias or trait that named it.
    std::string HandlerType =
        CatchAll        ? std::string()
        : HandlerRecord ? "'" + HandlerRecord->getQualifiedNameAsString() + "'"
                        : "'" +
                              Handler.getCaughtType()
                                  .getNonReferenceType()
                                  .getCanonicalType()
                                  .getUnqualifiedType()
                                  .getAsString(Context.getPrintingPolicy()) +
                              "'";
    auto Diag =
        diag(*Loc, "%select{catch-all handler catches cancellation (%1) and "
                   "lets|handler of %2 catches cancellation (%1) and "
                   "lets|handler of %2 lets}0 the %select{coroutine|function}3 "
                   "go on without rethrowing %select{it|the cancellation}4; "
                   "it keeps running after it was cancelled, and its caller "
                   "never sees the cancellation")
        << Form << describe(Caught.front()) << HandlerType
        << (Coroutine ? 0 : 1) << (Form == 2 ? 1 : 0);
    if (Insertable)
      Diag << FixItHint::CreateInsertion(Handler.getCatchLoc(), Rethrowing);
  }

  std::string Holder =
      Drop.Holder ? "'" + Drop.Holder->getNameAsString() + "'" : "";
  switch (Drop.Kind) {
  case ExceptionPaths::DropKind::LeavesHandler:
    diag(Drop.Loc, "control leaves the handler here without rethrowing",
         DiagnosticIDs::Note);
    break;
  case ExceptionPaths::DropKind::Returns:
    diag(Drop.Loc,
         "%select{'co_return' completes the coroutine|'return' returns}0 "
         "normally here%select{|, dropping the exception held in %2}1",
         DiagnosticIDs::Note)
        << (Coroutine ? 0 : 1) << (Drop.Holder ? 1 : 0) << Holder;
    break;
  case ExceptionPaths::DropKind::Overwritten:
    diag(Drop.Loc,
         "%0 is overwritten here before the exception it holds is rethrown",
         DiagnosticIDs::Note)
        << Holder;
    break;
  case ExceptionPaths::DropKind::OutOfScope:
    diag(Drop.Loc,
         "%0 goes out of scope here, and the exception it holds is "
         "never rethrown",
         DiagnosticIDs::Note)
        << Holder;
    break;
  case ExceptionPaths::DropKind::FallsOffEnd:
    diag(Drop.Loc,
         "the %select{coroutine|function}0 completes here without "
         "rethrowing the exception held in %1",
         DiagnosticIDs::Note)
        << (Coroutine ? 0 : 1) << Holder;
    break;
  }
  note(*Loc, remediesFor(*Instance.Function).Cancellation);
}

} // namespace clang::tidy::coroscope
