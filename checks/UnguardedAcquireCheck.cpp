//===--- UnguardedAcquireCheck.cpp - coroscope ----------------------------===//

#include "UnguardedAcquireCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "utils/CoroutineFacts.h"
#include "utils/ExceptionFacts.h"
#include "utils/ExpressionFacts.h"
#include "utils/FunctionBody.h"
#include "utils/ResourceFacts.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coroscope {
namespace {

/// Where an `acquire:release` entry splits: the `:` that is not half of a
/// `::` scope operator.
std::optional<size_t> pairSeparator(llvm::StringRef Entry) {
  for (size_t I = 0; I < Entry.size(); ++I)
    if (Entry[I] == ':' && (I == 0 || Entry[I - 1] != ':') &&
        (I + 1 == Entry.size() || Entry[I + 1] != ':'))
      return I;
  return std::nullopt;
}

/// The object a call acts on: the object of a member call, else the first
/// argument (`lock(m)`), else none (a global `lock()`).
const Expr *objectOf(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    return Member->getImplicitObjectArgument();
  return Call.getNumArgs() > 0 ? Call.getArg(0) : nullptr;
}

/// The class of the object \p Object denotes or points to.
const CXXRecordDecl *classOf(const Expr &Object) {
  QualType Type = Object.getType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  return Type->getAsCXXRecordDecl();
}

/// How the acquired value is kept: the expression it is stored into, if any,
/// and the type it is kept as.
struct Acquired {
  const Expr *Into = nullptr;
  const VarDecl *Variable = nullptr;
  QualType Type;
};

/// Follows the value of \p Acquire out through a `co_await`, conversions and
/// temporaries to the variable or assignment that keeps it.
Acquired keptAs(const CallExpr &Acquire, EnclosingFunctions &Functions) {
  const Expr *Value = &Acquire;
  while (true) {
    if (const VarDecl *Variable = Functions.initializedVariable(*Value))
      return {nullptr, Variable, Variable->getType()};
    const auto *Parent = dyn_cast_or_null<Expr>(Functions.parent(*Value));
    if (!Parent)
      break;
    if (const auto *Assign = dyn_cast<BinaryOperator>(Parent)) {
      if (Assign->getOpcode() == BO_Assign && Assign->getRHS() == Value)
        return {Assign->getLHS(), nullptr, Assign->getLHS()->getType()};
      break;
    }
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Parent)) {
      if (Operator->getOperator() == OO_Equal && Operator->getNumArgs() == 2 &&
          ignoringMoves(Operator->getArg(1)) == ignoringMoves(Value))
        return {Operator->getArg(0), nullptr, Operator->getArg(0)->getType()};
      break;
    }
    const auto *Await = dyn_cast<CoawaitExpr>(Parent);
    if (Await && Await->getOperand() != Value)
      break; // one of the awaiter calls the compiler made from the operand
    if (!Await &&
        !isa<ImplicitCastExpr, ExprWithCleanups, MaterializeTemporaryExpr,
             CXXBindTemporaryExpr, ParenExpr, CXXConstructExpr>(Parent))
      break;
    Value = Parent;
  }
  return {nullptr, nullptr, Value->getType()};
}

/// The statement of its block that \p S belongs to: the outermost enclosing
/// expression, or the declaration it initializes.
const Stmt &fullStatement(const Stmt &S, EnclosingFunctions &Functions) {
  const Stmt *Full = &S;
  Functions.anyEnclosingStmt(S, [&](const Stmt &Parent, const Stmt &) {
    if (!isa<Expr, DeclStmt>(Parent))
      return true;
    Full = &Parent;
    return false;
  });
  return *Full;
}

/// Why control may leave between acquire and release; the order is the
/// order of preference for the note.
enum class Exit { Throw, Suspension, NoexceptSuspension, Call };

struct Risk {
  const Stmt *At;
  Exit Kind;
  const CFGBlock *Block;
  unsigned Index;
};

/// What denotes the resource one acquire call holds: what it was acquired
/// from and where its result is kept; when neither is known, the empty path,
/// for which every release call counts.
llvm::SmallVector<AccessPath, 3> resourceObjects(const Expr *Object,
                                                 const Acquired &Kept) {
  llvm::SmallVector<AccessPath, 3> Objects;
  auto AddObject = [&](AccessPath Path) {
    if (!Path.empty())
      Objects.push_back(std::move(Path));
  };
  if (Object)
    AddObject(accessPath(Object));
  if (Kept.Into)
    AddObject(accessPath(Kept.Into));
  if (Kept.Variable)
    AddObject({Kept.Variable});
  if (!Object && !Kept.Into && !Kept.Variable)
    Objects.emplace_back();
  return Objects;
}

/// The resource one acquire call holds: the objects that denote it, the
/// calls in its function that release it, and where guards for it were
/// searched for.
struct HeldResource {
  const llvm::SmallVector<AccessPath, 3> &Objects;
  CallsByObject &Releases;
  GuardSearch &Guards;

  /// True when \p E denotes the resource or what it was acquired from.
  bool denotes(const Expr &E) const {
    AccessPath Path = accessPath(&E);
    return !Path.empty() && llvm::is_contained(Objects, Path);
  }

  /// True for a call of a release function on the resource or with it.
  bool isRelease(const Stmt &S) const { return Releases.isCallOn(S, Objects); }
};

/// True when \p Object holds what is acquired from it and releases it when
/// it goes: a local RAII object, or one whose destructor calls the release,
/// as `std::unique_lock`'s does (also when this function only borrows it).
bool releasesInDestructor(const Expr &Object, const NameList &Release) {
  if (const VarDecl *Holder = denotedVariable(Object);
      Holder && Holder->hasLocalStorage() &&
      !Holder->getType()->isReferenceType() && isRAIIType(Holder->getType()))
    return true;
  const CXXRecordDecl *Holder = classOf(Object);
  return Holder && destructorCalls(*Holder, [&](const FunctionDecl &Callee) {
           return Release.matches(Callee);
         });
}

/// The points on the paths from \p Acquire to a release where control may
/// leave the function, following exceptions into the handlers that catch
/// them.
std::vector<Risk> risksAfter(const CallExpr &Acquire, const HeldResource &Held,
                             const FunctionFlow &Flow, ASTContext &Context,
                             EnclosingFunctions &Functions,
                             ThrowAnalysis &Throwing) {
  std::vector<Risk> Risks;
  const CFGBlock *Start = Flow.blockOf(Acquire);
  std::optional<unsigned> StartIndex =
      Start ? Flow.indexIn(*Start, Acquire) : std::nullopt;
  if (!StartIndex)
    return Risks;
  // The acquiring statement itself (its co_await, its declaration) is part
  // of acquiring: if it fails, nothing is held yet.
  llvm::SmallPtrSet<const Stmt *, 16> Acquiring;
  forEachStatement(fullStatement(Acquire, Functions),
                   [&](const Stmt &S) { Acquiring.insert(&S); });
  const bool Exceptions = Context.getLangOpts().CXXExceptions;
  llvm::SmallPtrSet<const CFGBlock *, 16> Visited;
  llvm::SmallVector<std::pair<const CFGBlock *, unsigned>, 16> Pending{
      {Start, *StartIndex + 1}};
  while (!Pending.empty()) {
    auto [Block, From] = Pending.pop_back_val();
    bool PathEnds = false;
    for (unsigned I = From; I < Block->size() && !PathEnds; ++I) {
      std::optional<CFGStmt> Element = (*Block)[I].getAs<CFGStmt>();
      if (!Element)
        continue;
      const Stmt &S = *Element->getStmt();
      // Around a loop back to the acquire: that path holds it twice.
      PathEnds = &S == &Acquire || Held.isRelease(S);
      // A handler's block starts with the handler itself; its statements
      // follow one by one. The compiler's awaiter calls are judged with the
      // co_await they belong to.
      if (PathEnds || Acquiring.contains(&S) || isa<CXXCatchStmt>(S) ||
          isAwaiterPart(S, Functions))
        continue;
      bool Throws;
      if (isSuspensionPoint(S)) {
        Throws = Exceptions && mayThrow(S);
        Risks.push_back({&S,
                         Throws ? Exit::Suspension : Exit::NoexceptSuspension,
                         Block, I});
      } else {
        Throws = Exceptions && Throwing.elementMayThrow(S);
        if (Throws)
          Risks.push_back(
              {&S, isa<CXXThrowExpr>(S) ? Exit::Throw : Exit::Call, Block, I});
      }
      // The CFG has no edges for exceptions: follow them into the handlers,
      // where more may go wrong before the release.
      if (const CFGBlock *Handlers = Throws ? Flow.exceptionTarget(S) : nullptr;
          Handlers && Visited.insert(Handlers).second)
        Pending.push_back({Handlers, 0});
    }
    if (PathEnds)
      continue;
    for (const CFGBlock *Successor : Block->succs())
      if (Successor && Visited.insert(Successor).second)
        Pending.push_back({Successor, 0});
  }
  return Risks;
}

/// The point where the resource leaks that the note shows: a throw first,
/// then a suspension point, then a call; the earliest of a kind.
std::optional<Risk> firstLeak(const CallExpr &Acquire, const HeldResource &Held,
                              const FunctionFlow &Flow, ASTContext &Context,
                              EnclosingFunctions &Functions,
                              ThrowAnalysis &Throwing) {
  std::vector<Risk> Risks =
      risksAfter(Acquire, Held, Flow, Context, Functions, Throwing);
  if (Risks.empty())
    return std::nullopt;
  auto IsRelease = [&](const Stmt &S) { return Held.isRelease(S); };
  auto IsResource = [&](const Expr &E) { return Held.denotes(E); };

  // A point from which no release can follow is not between the two: there
  // the resource is kept, or handed on. A throw, or a call that never
  // returns, is between them when it is reached at all.
  auto Between = [&](const Risk &R) {
    return R.Kind == Exit::Throw || R.Block->hasNoReturnElement() ||
           Held.Releases.mayFollow(Flow, *R.Block, R.Index, Held.Objects);
  };
  auto Covered = [&](const Risk &R) {
    if (guardedByRAII(*R.At, Functions, IsResource, IsRelease, Held.Guards))
      return true;
    // A handler cannot run when a suspended coroutine is destroyed.
    return R.Kind != Exit::NoexceptSuspension &&
           Flow.runsOnEveryExceptionalPath(*R.At, IsRelease);
  };
  std::optional<Risk> Leak;
  for (const Risk &R : Risks) {
    if (Leak && std::make_pair(Leak->Kind, Leak->At->getBeginLoc()) <
                    std::make_pair(R.Kind, R.At->getBeginLoc()))
      continue;
    if (Between(R) && !Covered(R))
      Leak = R;
  }
  return Leak;
}

} // namespace

UnguardedAcquireCheck::UnguardedAcquireCheck(StringRef Name,
                                             ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      AcquireReleasePairs(Options.get(
          "AcquireReleasePairs",
          "acquire:release;lock:unlock;lock_shared:unlock_shared")) {
  for (llvm::StringRef Entry :
       utils::options::parseStringList(AcquireReleasePairs)) {
    Entry = Entry.trim();
    if (Entry.empty())
      continue;
    std::optional<size_t> Separator = pairSeparator(Entry);
    llvm::StringRef Acquire, Release;
    if (Separator) {
      Acquire = Entry.take_front(*Separator).trim();
      Release = Entry.drop_front(*Separator + 1).trim();
    }
    if (Acquire.empty() || Release.empty()) {
      configurationDiag("invalid entry '%0' in option 'AcquireReleasePairs' "
                        "of '%1': expected 'acquire:release'")
          << Entry << Name;
      continue;
    }
    Pairs.push_back(std::make_unique<Pair>(
        Pair{NameList(Acquire, *this, "AcquireReleasePairs"),
             NameList(Release, *this, "AcquireReleasePairs")}));
  }
}

void UnguardedAcquireCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "AcquireReleasePairs", AcquireReleasePairs);
}

void UnguardedAcquireCheck::registerMatchers(MatchFinder *Finder) {
  // The check walks each function's calls itself: a matcher would be tried
  // on every call of the unit, system headers included.
  Functions = EnclosingFunctions::of(*Finder);
  Functions->onEachFunction(
      [this](const FunctionDecl &Function, ASTContext &Context) {
        checkFunction(Function, Context);
      });
}

void UnguardedAcquireCheck::checkFunction(const FunctionDecl &Function,
                                          ASTContext &Context) {
  // A template is judged per instantiation: in the pattern, any dependent
  // call might throw.
  if (Function.isInvalidDecl() || Function.isDependentContext())
    return;
  forEachOwnStatement(Function, [&](const Stmt &S) {
    const auto *Acquire = dyn_cast<CallExpr>(&S);
    const FunctionDecl *Callee = Acquire ? Acquire->getDirectCallee() : nullptr;
    if (!Callee || Acquire->containsErrors())
      return;
    for (const std::unique_ptr<Pair> &Names : Pairs)
      if (Names->Acquire.matches(*Callee)) {
        diagnose(*Acquire, *Names, Function, Context);
        return;
      }
  });
}

void UnguardedAcquireCheck::diagnose(const CallExpr &Acquire, const Pair &Names,
                                     const FunctionDecl &Function,
                                     ASTContext &Context) {
  const Expr *Object = objectOf(Acquire);
  if (Object && !isSameObject(*Object, *Object))
    return; // e.g. `make_pool().acquire()`: nothing to match a release to
  if (Object && releasesInDestructor(*Object, Names.Release))
    return;
  Acquired Kept = keptAs(Acquire, *Functions);
  // An RAII result, such as a pool lease, releases in its destructor.
  if (!Kept.Type->isReferenceType() && isRAIIType(Kept.Type))
    return;
  const Stmt *Body = writtenBody(Function);
  if (!Body)
    return;
  std::unique_ptr<FunctionReleases> &Releases =
      Released[{&Function, &Names.Release}];
  if (!Releases)
    Releases = std::make_unique<FunctionReleases>(*Body, Names.Release);
  auto Resource =
      Releases->Guards.try_emplace(resourceObjects(Object, Kept)).first;
  HeldResource Held{Resource->first, Releases->Calls, Resource->second};

  // Only a pair in one function is judged: without a release here, the
  // resource is handed on, and its owner elsewhere releases it.
  const CallExpr *FirstRelease = Releases->Calls.first(Held.Objects);
  if (!FirstRelease)
    return;
  const FunctionFlow *Flow = Functions->flowOf(Function, Context);
  if (!Flow)
    return;
  std::optional<Risk> Leak =
      firstLeak(Acquire, Held, *Flow, Context, *Functions, Throwing);
  if (!Leak)
    return;

  const SourceManager &SM = Context.getSourceManager();
  std::optional<SourceLocation> Loc =
      Reported.firstEditable(Acquire.getSourceRange(), SM);
  if (!Loc)
    return;
  const NamedDecl *Release = FirstRelease->getDirectCallee();
  diag(*Loc, "the resource acquired by %0 leaks if an exception or "
             "cancellation leaves before %1; hold it in an RAII guard such as "
             "a 'coroscope::pool<T>' lease, or use 'coroscope::async_with'")
      << Acquire.getDirectCallee() << Release;
  if (std::optional<SourceLocation> LeakLoc =
          editableLocation(Leak->At->getSourceRange(), SM))
    diag(*LeakLoc,
         "%select{this throw skips %1|cancellation or an exception at this "
         "suspension point skips %1|destroying the coroutine while it is "
         "suspended here skips %1|an exception thrown here skips %1}0",
         DiagnosticIDs::Note)
        << static_cast<unsigned>(Leak->Kind) << Release;
}

} // namespace clang::tidy::coroscope
