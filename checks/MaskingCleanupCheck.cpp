//===--- MaskingCleanupCheck.cpp - coroscope ------------------------------===//

#include "MaskingCleanupCheck.h"
#include "utils/CoroutineFacts.h"
#include "utils/ExceptionFacts.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coroscope {
namespace {

/// Logging and formatting fail only when memory runs out, and a handler
/// that logs before `throw;` is the norm, not a mistake; the standard
/// library's locks fail only on misuse, and cleanup takes them to release
/// shared state.
constexpr llvm::StringLiteral DefaultIgnoredFunctions =
    "std::operator<<;std::operator\\+;std::basic_ostream.*;"
    "std::basic_string.*;std::to_string;std::format;std::vformat;std::print;"
    "std::println;std::.*mutex::(un)?lock;std::unique_lock.*;"
    "std::lock_guard.*;std::scoped_lock.*;fmt::.*;spdlog::.*";

/// How the message names the operation that may throw.
std::string describeOperation(const Stmt &Operation) {
  if (isa<CoyieldExpr>(Operation))
    return "'co_yield'";
  if (isa<CoroutineSuspendExpr>(Operation))
    return "'co_await'";
  if (isa<CXXThrowExpr>(Operation))
    return "'throw'";
  if (isa<CXXNewExpr>(Operation))
    return "'new'";
  if (isa<CXXDynamicCastExpr>(Operation))
    return "'dynamic_cast'";
  if (isa<CXXTypeidExpr>(Operation))
    return "'typeid'";
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&Operation))
    return "construction of '" +
           Construct->getConstructor()->getParent()->getNameAsString() + "'";
  if (const auto *Call = dyn_cast<CallExpr>(&Operation))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      return "call to '" + Callee->getNameAsString() + "'";
  return "call";
}

/// A destructor that asks whether the stack is unwinding decides itself
/// what it may do then.
bool asksAboutUnwinding(const Stmt &S) {
  if (const auto *Call = dyn_cast<CallExpr>(&S))
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
        Callee->getName().starts_with("uncaught_exception"))
      return true;
  for (const Stmt *Child : S.children())
    if (Child && asksAboutUnwinding(*Child))
      return true;
  return false;
}

} // namespace

MaskingCleanupCheck::MaskingCleanupCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : LibraryAwareCheck(Name, Context),
      IgnoredFunctions(Options.get("IgnoredFunctions", DefaultIgnoredFunctions),
                       *this, "IgnoredFunctions") {}

void MaskingCleanupCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  LibraryAwareCheck::storeOptions(Opts);
  Options.store(Opts, "IgnoredFunctions", IgnoredFunctions.source());
}

void MaskingCleanupCheck::registerMatchers(MatchFinder *Finder) {
  Functions = EnclosingFunctions::of(*Finder);
  Finder->addMatcher(
      cxxCatchStmt(unless(isExpansionInSystemHeader())).bind("handler"), this);
  Finder->addMatcher(
      cxxDestructorDecl(isDefinition(), unless(isExpansionInSystemHeader()))
          .bind("destructor"),
      this);
}

void MaskingCleanupCheck::onEndOfTranslationUnit() { IgnoredCache.clear(); }

void MaskingCleanupCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Handler = Result.Nodes.getNodeAs<CXXCatchStmt>("handler")) {
    for (const HandlerInFunction &Instance :
         analyzableInstances(*Handler, *Functions))
      checkHandler(*Instance.Handler, *Instance.Function, *Result.Context);
  } else if (const auto *Destructor =
                 Result.Nodes.getNodeAs<CXXDestructorDecl>("destructor"))
    checkDestructor(*Destructor, *Result.Context);
}

bool MaskingCleanupCheck::isIgnored(const FunctionDecl &Function) {
  auto [Entry, Inserted] = IgnoredCache.try_emplace(&Function, false);
  if (Inserted) {
    const auto *Constructor = dyn_cast<CXXConstructorDecl>(&Function);
    Entry->second =
        IgnoredFunctions.matches(Function) ||
        (Constructor && IgnoredFunctions.matches(*Constructor->getParent()));
  }
  return Entry->second;
}

bool MaskingCleanupCheck::assumedNonThrowing(const FunctionDecl &Function) {
  // The awaiter's calls are the library's, not what the user wrote: judged
  // by what they do.
  return isIgnored(Function) ||
         (isAwaiterMember(Function) && !Throwing.calleeMayThrow(Function));
}

void MaskingCleanupCheck::checkHandler(const CXXCatchStmt &Handler,
                                       const FunctionDecl &Function,
                                       ASTContext &Context) {
  // In `async_exit` the runtime's drivers keep the body's exception whatever
  // the cleanup throws.
  if (!mayRethrowLater(Handler) ||
      (Function.getIdentifier() && Function.getName() == "async_exit"))
    return;
  ExceptionPaths *Paths = Functions->exceptionPathsOf(Function, Context);
  if (!Paths)
    return;
  Paths->forEachPending(
      Handler, /*Caught=*/{}, [&](const ExceptionPaths::Pending &Pending) {
        if (Pending.Guarded)
          return;
        if (!Pending.Rethrow) {
          diagnosePending(*Pending.Element, Pending, Function, Context);
          return;
        }
        forEachThrowingOperation(
            *Pending.Element,
            [&](const FunctionDecl &Callee) {
              return assumedNonThrowing(Callee);
            },
            [&](const Stmt &Operation) {
              diagnosePending(Operation, Pending, Function, Context);
            });
      });
}

void MaskingCleanupCheck::diagnosePending(
    const Stmt &Operation, const ExceptionPaths::Pending &Pending,
    const FunctionDecl &Function, ASTContext &Context) {
  std::optional<SourceLocation> Loc = Reported.firstEditable(
      Operation.getSourceRange(), Context.getSourceManager());
  if (!Loc)
    return;
  std::string Holder =
      Pending.Holder ? "'" + Pending.Holder->getNameAsString() + "'" : "";
  if (!Pending.Rethrow) {
    diag(*Loc, "'throw' replaces the exception held in %0 before it is "
               "rethrown; the original exception is lost")
        << Holder;
  } else {
    diag(*Loc, "%0 may throw while %select{the caught exception|the exception "
               "held in %2}1 waits to be rethrown; if it throws, its exception "
               "replaces the original one, which is lost")
        << describeOperation(Operation) << (Pending.Holder ? 1 : 0) << Holder;
    diag(Pending.Rethrow->getBeginLoc(),
         "the original exception is rethrown here", DiagnosticIDs::Note);
  }
  note(*Loc, remediesFor(Function).Cleanup);
}

void MaskingCleanupCheck::checkDestructor(const CXXDestructorDecl &Destructor,
                                          ASTContext &Context) {
  if (Destructor.isInvalidDecl() || Destructor.isDependentContext() ||
      isNonThrowing(Destructor) || !Destructor.getBody() ||
      asksAboutUnwinding(*Destructor.getBody()))
    return;
  llvm::SmallVector<const Stmt *, 16> Statements{Destructor.getBody()};
  while (!Statements.empty()) {
    const Stmt *S = Statements.pop_back_val();
    if (!S)
      continue;
    if (const auto *Try = dyn_cast<CXXTryStmt>(S)) {
      // What the try block throws, its own handlers see.
      for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
        Statements.push_back(Try->getHandler(I));
      continue;
    }
    if (const auto *E = dyn_cast<Expr>(S)) {
      if (E->containsErrors())
        return;
      forEachThrowingOperation(
          *E,
          [&](const FunctionDecl &Callee) {
            return assumedNonThrowing(Callee);
          },
          [&](const Stmt &Operation) {
            std::optional<SourceLocation> Loc = Reported.firstEditable(
                Operation.getSourceRange(), Context.getSourceManager());
            if (!Loc)
              return;
            diag(*Loc, "%0 may throw in a destructor declared "
                       "'noexcept(false)'; if it throws while the destructor "
                       "runs during unwinding, 'std::terminate' is called")
                << describeOperation(Operation);
            note(*Loc, remediesFor(Destructor).Cleanup);
          });
      continue;
    }
    Statements.append(S->child_begin(), S->child_end());
  }
}

} // namespace clang::tidy::coroscope
