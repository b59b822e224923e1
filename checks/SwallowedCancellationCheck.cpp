//===--- SwallowedCancellationCheck.cpp - coroscope -----------------------===//

#include "SwallowedCancellationCheck.h"
#include "utils/CoroutineFacts.h"
#include "utils/ExceptionFacts.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coroscope {

SwallowedCancellationCheck::SwallowedCancellationCheck(
    StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      Cancellation(
          Options.get("CancellationExceptions", DefaultCancellationExceptions),
          *this, "CancellationExceptions"),
      CheckNonCoroutines(Options.get("CheckNonCoroutines", false)) {}

void SwallowedCancellationCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
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
  if (!(Coroutine ? mayDeliverCancellation(*Try.getTryBlock())
                  : mayThrow(*Try.getTryBlock())))
    return;

  llvm::SmallVector<const CXXRecordDecl *, 2> Caught;
  for (const CancellationReceiver &Receiver :
       Cancellation.receivers(Try, Context))
    if (Receiver.Handler == &Handler)
      Caught.push_back(Receiver.Exception);
  if (Caught.empty())
    return;

  // Only now is the CFG worth building.
  ExceptionPaths *Paths =
      Functions->exceptionPathsOf(*Instance.Function, Context);
  if (!Paths)
    return;
  if (std::optional<ExceptionPaths::Drop> Drop =
          Paths->findDrop(Handler, Caught))
    diagnose(Handler, *Drop, Caught, Coroutine, Context);
}

void SwallowedCancellationCheck::diagnose(
    const CXXCatchStmt &Handler, const ExceptionPaths::Drop &Drop,
    llvm::ArrayRef<const CXXRecordDecl *> Caught, bool Coroutine,
    ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  std::optional<SourceLocation> Loc =
      Reported.firstEditable(Handler.getCatchLoc(), SM);
  if (!Loc)
    return;

  bool CatchAll = Handler.getExceptionDecl() == nullptr;
  // A handler for the cancellation type itself has nothing to insert before
  // it; a catch-all or a base handler gets a rethrowing handler for each
  // cancellation type it would catch, when each is defined before it.
  const CXXRecordDecl *HandlerRecord =
      CatchAll
          ? nullptr
          : Handler.getCaughtType().getNonReferenceType()->getAsCXXRecordDecl();
  bool Insertable =
      Handler.getCatchLoc().isFileID() &&
      llvm::all_of(Caught, [&](const CXXRecordDecl *Exception) {
        // A handler of an incomplete class does not compile.
        return Exception->isThisDeclarationADefinition() &&
               SM.isBeforeInTranslationUnit(Exception->getLocation(),
                                            Handler.getCatchLoc()) &&
               (!HandlerRecord || HandlerRecord->getCanonicalDecl() !=
                                      Exception->getCanonicalDecl());
      });
  std::string Rethrowing;
  for (const CXXRecordDecl *Exception : Caught)
    Rethrowing += "catch (const " + Exception->getQualifiedNameAsString() +
                  "&) { throw; } ";

  {
    unsigned Form = CatchAll ? 0
                    : HandlerRecord && Caught.size() == 1 &&
                            HandlerRecord->getCanonicalDecl() ==
                                Caught.front()->getCanonicalDecl()
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
        << Form << ("'" + Caught.front()->getQualifiedNameAsString() + "'")
        << HandlerType << (Coroutine ? 0 : 1) << (Form == 2 ? 1 : 0);
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
  diag(*Loc,
       "rethrow cancellation on every path ('throw;' or "
       "'std::rethrow_exception'); cleanup that must also run on "
       "cancellation belongs in 'coroscope::async_with' or a "
       "'coroscope::exit_stack'",
       DiagnosticIDs::Note);
}

} // namespace clang::tidy::coroscope
