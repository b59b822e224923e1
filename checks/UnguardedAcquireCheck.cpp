//===--- UnguardedAcquireCheck.cpp - coroscope ----------------------------===//

#include "UnguardedAcquireCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "utils/CoroutineFacts.h"
#include "utils/ExceptionFacts.h"
#include "utils/ExpressionFacts.h"
#include "utils/FunctionBody.h"
#include "utils/ResourceFacts.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
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

/// The class of an object of \p Type, or of the one it refers or points to.
const CXXRecordDecl *classOf(QualType Type) {
  Type = Type.getNonReferenceType();
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
  LibraryProfiles &Profiles;
  /// Awaiting the resource itself releases it (`co_await group;` joins a
  /// scope).
  bool AwaitReleases = false;

  /// True when \p E denotes the resource or what it was acquired from.
  bool denotes(const Expr &E) const {
    AccessPath Path = accessPath(&E);
    return !Path.empty() && llvm::is_contained(Objects, Path);
  }

  /// True for a call of a release function on the resource or with it.
  bool isRelease(const Stmt &S) const {
    if (const auto *Await = dyn_cast<CoawaitExpr>(&S);
        AwaitReleases && Await && !Await->isImplicit())
      return denotes(*ignoringMoves(Await->getOperand()));
    return Releases.isCallOn(S, Objects);
  }

  /// True when \p Suspension awaits a wait that releases the resource
  /// while it is suspended and takes it again before it resumes (a
  /// condition variable's): the documented way to hold it there.
  bool releasedWhileSuspended(const Stmt &Suspension) const {
    const CallExpr *Wait = awaitedCall(Suspension);
    const FunctionDecl *Callee = Wait ? Wait->getDirectCallee() : nullptr;
    if (!Callee)
      return false;
    for (unsigned I = 0; I < Wait->getNumArgs(); ++I)
      if (denotes(*Wait->getArg(I)) &&
          Profiles.releasesWhileWaiting(*Callee, I))
        return true;
    return false;
  }
};

/// True when \p Object holds what is acquired from it and releases it when
/// it goes: a local RAII object, or one whose destructor calls the release,
/// as `std::unique_lock`'s does (also when this function only borrows it).
bool releasesInDestructor(const Expr &Object, const NameList &Release) {
  if (const VarDecl *Holder = denotedVariable(Object);
      Holder && Holder->hasLocalStorage() &&
      !Holder->getType()->isReferenceType() && isRAIIType(Holder->getType()))
    return true;
  const CXXRecordDecl *Holder = classOf(Object.getType());
  return Holder && destructorCalls(*Holder, [&](const FunctionDecl &Callee) {
           return Release.matches(Callee);
         });
}

/// True when the class that \p Acquire acts on has (itself or a base) a
/// member named by \p Release: `lock` and `unlock` of one class, not any
/// `lock` anywhere. A member call acts on its object; another call on what
/// it hands out (`resource *r = co_await acquire(); r->release();`).
bool hasReleaseMember(const CallExpr &Acquire, const NameList &Release,
                      EnclosingFunctions &Functions) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Acquire);
  const CXXRecordDecl *Class = nullptr;
  if (Member && Member->getImplicitObjectArgument()) {
    Class = classOf(Member->getImplicitObjectArgument()->getType());
  } else if (QualType Kept = keptAs(Acquire, Functions).Type; !Kept.isNull()) {
    Class = classOf(Kept);
  }
  if (!Class || !Class->hasDefinition())
    return false;
  auto Declares = [&](const CXXRecordDecl *Record) {
    return llvm::any_of(Record->decls(), [&](const Decl *D) {
      if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
        D = Template->getTemplatedDecl();
      const auto *Method = dyn_cast<CXXMethodDecl>(D);
      return Method && Release.matches(*Method);
    });
  };
  const CXXRecordDecl *Definition = Class->getDefinition();
  if (Declares(Definition))
    return true;
  bool Found = false;
  Definition->forallBases([&](const CXXRecordDecl *Base) {
    Found = Found || Declares(Base);
    return !Found;
  });
  return Found;
}

/// Where the paths on which \p Acquire holds its resource start: right after
/// it in its block, or, for an acquire that may fail (`while
/// (!m.try_lock())`), on the branch where it succeeded.
llvm::SmallVector<std::pair<const CFGBlock *, unsigned>, 16>
heldFrom(const CFGBlock &Start, unsigned StartIndex, const CallExpr &Acquire) {
  if (std::optional<const CFGBlock *> Acquired =
          successorWhenTrue(Start, Acquire)) {
    if (*Acquired)
      return {{*Acquired, 0}};
    return {};
  }
  return {{&Start, StartIndex + 1}};
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
  llvm::SmallVector<std::pair<const CFGBlock *, unsigned>, 16> Pending =
      heldFrom(*Start, *StartIndex, Acquire);
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
      if (Held.releasedWhileSuspended(S))
        continue;
      if (isSuspensionPoint(S) && !neverSuspends(S)) {
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
    for (const CFGBlock *Successor : takenSuccessors(*Block))
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
  // A scope joined by awaiting it (`co_await group;`) is released by no
  // call.
  FlowElements AwaitedJoins;
  if (Held.AwaitReleases)
    for (const CFGBlock *Block : Flow.cfg())
      for (unsigned I = 0; I < Block->size(); ++I)
        if (std::optional<CFGStmt> Element = (*Block)[I].getAs<CFGStmt>();
            Element && isa<CoawaitExpr>(Element->getStmt()) &&
            Held.isRelease(*Element->getStmt()))
          AwaitedJoins.add(*Block, I);
  auto Between = [&](const Risk &R) {
    return R.Kind == Exit::Throw || R.Block->hasNoReturnElement() ||
           Held.Releases.mayFollow(Flow, *R.Block, R.Index, Held.Objects) ||
           AwaitedJoins.mayFollow(Flow.cfg(), *R.Block, R.Index);
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
    // The earliest leak of the kind the note prefers.
    if (Leak && (Leak->Kind < R.Kind ||
                 (Leak->Kind == R.Kind &&
                  Context.getSourceManager().isBeforeInTranslationUnit(
                      Leak->At->getBeginLoc(), R.At->getBeginLoc()))))
      continue;
    if (Between(R) && !Covered(R))
      Leak = R;
  }
  return Leak;
}

/// Where control leaves the function normally, by a return or past its
/// end, on a path from \p Acquire that passes no release: the earliest
/// such return or closing brace. A path that throws is firstLeak's.
std::optional<SourceLocation> returnBeforeRelease(const CallExpr &Acquire,
                                                  const HeldResource &Held,
                                                  const FunctionFlow &Flow,
                                                  const SourceManager &SM) {
  const CFGBlock *Start = Flow.blockOf(Acquire);
  std::optional<unsigned> StartIndex =
      Start ? Flow.indexIn(*Start, Acquire) : std::nullopt;
  if (!StartIndex)
    return std::nullopt;
  std::optional<SourceLocation> First;
  auto Found = [&](SourceLocation Loc) {
    if (!First || SM.isBeforeInTranslationUnit(Loc, *First))
      First = Loc;
  };
  llvm::SmallPtrSet<const CFGBlock *, 16> Visited;
  llvm::SmallVector<std::pair<const CFGBlock *, unsigned>, 16> Pending =
      heldFrom(*Start, *StartIndex, Acquire);
  while (!Pending.empty()) {
    auto [Block, From] = Pending.pop_back_val();
    bool PathEnds = exceptionalExit(*Block);
    const Stmt *Return = nullptr;
    for (unsigned I = From; I < Block->size() && !PathEnds; ++I) {
      std::optional<CFGStmt> Element = (*Block)[I].getAs<CFGStmt>();
      if (!Element)
        continue;
      const Stmt &S = *Element->getStmt();
      PathEnds = &S == &Acquire || Held.isRelease(S);
      if (isa<ReturnStmt, CoreturnStmt>(S))
        Return = &S;
    }
    if (PathEnds)
      continue;
    for (const CFGBlock *Successor : takenSuccessors(*Block)) {
      if (!Successor)
        continue;
      if (Successor == &Flow.cfg().getExit()) {
        const auto *Compound = dyn_cast<CompoundStmt>(&Flow.body());
        if (Return)
          Found(Return->getBeginLoc());
        else if (Compound)
          Found(Compound->getRBracLoc());
      } else if (Visited.insert(Successor).second) {
        Pending.push_back({Successor, 0});
      }
    }
  }
  return First;
}

} // namespace

UnguardedAcquireCheck::UnguardedAcquireCheck(StringRef Name,
                                             ClangTidyContext *Context)
    : LibraryAwareCheck(Name, Context),
      AcquireReleasePairs(Options.get(
          "AcquireReleasePairs",
          "acquire:release;lock:unlock;lock_shared:unlock_shared")),
      CheckNonCoroutines(Options.get("CheckNonCoroutines", false)) {
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
             NameList(Release, *this, "AcquireReleasePairs"),
             !Acquire.contains("::") && !Release.contains("::")}));
  }
}

void UnguardedAcquireCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  LibraryAwareCheck::storeOptions(Opts);
  Options.store(Opts, "AcquireReleasePairs", AcquireReleasePairs);
  Options.store(Opts, "CheckNonCoroutines", CheckNonCoroutines);
}

template <typename Fact>
const UnguardedAcquireCheck::Pair &
UnguardedAcquireCheck::libraryPair(const Fact &Row, llvm::StringRef Qualifier) {
  std::unique_ptr<Pair> &Made = LibraryPairs[&Row];
  if (Made)
    return *Made;
  auto Members = [&](llvm::StringRef Names) {
    llvm::SmallVector<llvm::StringRef, 4> Listed;
    Names.split(Listed, '|');
    std::string Pattern;
    for (llvm::StringRef Name : Listed)
      if (Name != "operator co_await")
        Pattern += (Pattern.empty() ? "" : "|") + Name.str();
    return NameList((Qualifier + Row.Class + "::(" + Pattern + ")").str());
  };
  if constexpr (std::is_same_v<Fact, AsyncLock>)
    Made = std::make_unique<Pair>(
        Pair{Members(Row.Acquire), Members(Row.Release), false, &Row});
  else
    Made = std::make_unique<Pair>(
        Pair{Members(Row.Spawn), Members(Row.Join), false, nullptr, &Row});
  return *Made;
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
  // call might throw. Outside coroutines, unguarded locks are general RAII
  // advice that other tools give.
  if (Function.isInvalidDecl() || Function.isDependentContext() ||
      (!CheckNonCoroutines && !isCoroutine(Function)))
    return;
  forEachOwnStatement(Function, [&](const Stmt &S) {
    const auto *Acquire = dyn_cast<CallExpr>(&S);
    const FunctionDecl *Callee = Acquire ? Acquire->getDirectCallee() : nullptr;
    if (!Callee || Acquire->containsErrors())
      return;
    // A library's own pair first: it knows the RAII form.
    if (std::optional<LibraryProfiles::Lock> Lock = Profiles.acquires(*Callee)) {
      diagnose(*Acquire, libraryPair(*Lock->Pair, Lock->Library->Qualifier),
               Function, Context);
      return;
    }
    if (std::optional<LibraryProfiles::Scope> Scope = Profiles.spawns(*Callee)) {
      diagnose(*Acquire, libraryPair(*Scope->Kind, Scope->Library->Qualifier),
               Function, Context);
      return;
    }
    for (const std::unique_ptr<Pair> &Names : Pairs)
      if (Names->Acquire.matches(*Callee) &&
          (!Names->MemberPair ||
           hasReleaseMember(*Acquire, Names->Release, *Functions))) {
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
  // A scope is judged where it lives: a local of this function, destroyed
  // when it goes; not one a lambda captured, which its owner joins.
  const VarDecl *ScopeVariable =
      Names.Scope && Object ? denotedVariable(*Object) : nullptr;
  if (Names.Scope && (!ScopeVariable || !ScopeVariable->hasLocalStorage() ||
                      ScopeVariable->getParentFunctionOrMethod() != &Function ||
                      ScopeVariable->getType()->isReferenceType() ||
                      ReportedScopes.contains(ScopeVariable)))
    return;
  if (!Names.Scope && Object && releasesInDestructor(*Object, Names.Release))
    return;
  Acquired Kept = keptAs(Acquire, *Functions);
  // An RAII result, such as a pool lease, releases in its destructor.
  if (!Names.Scope && !Kept.Type->isReferenceType() && isRAIIType(Kept.Type))
    return;
  const Stmt *Body = writtenBody(Function);
  if (!Body)
    return;
  std::unique_ptr<FunctionReleases> &Releases =
      Released[{&Function, &Names.Release}];
  if (!Releases)
    Releases = std::make_unique<FunctionReleases>(*Body, Names.Release,
                                                  Context.getSourceManager());
  auto Resource =
      Releases->Guards.try_emplace(resourceObjects(Object, Kept)).first;
  bool AwaitJoins =
      Names.Scope && Names.Scope->Join.contains("operator co_await");
  HeldResource Held{Resource->first, Releases->Calls, Resource->second,
                    Profiles, AwaitJoins};

  // The first release, by a call or (for a scope) by awaiting it.
  const Stmt *FirstRelease = Releases->Calls.first(Held.Objects);
  if (AwaitJoins)
    forEachOwnStatement(*Body, [&](const Stmt &S) {
      if (Held.isRelease(S) && isa<CoawaitExpr>(S) &&
          (!FirstRelease ||
           Context.getSourceManager().isBeforeInTranslationUnit(
               S.getBeginLoc(), FirstRelease->getBeginLoc())))
        FirstRelease = &S;
    });
  std::string ReleaseName =
      !FirstRelease                   ? std::string()
      : isa<CoawaitExpr>(FirstRelease)
          ? "co_await " + ScopeVariable->getNameAsString()
      : cast<CallExpr>(FirstRelease)->getDirectCallee()->getNameAsString();
  const SourceManager &SM = Context.getSourceManager();
  // The member as written, without the template arguments of `add<T>`.
  std::string Spawned =
      "'" + Acquire.getDirectCallee()->getNameAsString() + "'";
  if (!FirstRelease) {
    // Only a lock pair in one function is judged: without a release here,
    // the resource is handed on, and its owner elsewhere releases it. A
    // local scope goes when the function ends.
    if (!Names.Scope)
      return;
    if (std::optional<SourceLocation> Loc =
            Reported.firstEditable(Acquire.getSourceRange(), SM)) {
      ReportedScopes.insert(ScopeVariable);
      diag(*Loc, "%0 is destroyed without being joined after %1 spawned work "
                 "into it; %2")
          << ScopeVariable << Spawned << Names.Scope->Unjoined;
      note(*Loc, Names.Scope->Instead);
    }
    return;
  }
  const FunctionFlow *Flow = Functions->flowOf(Function, Context);
  if (!Flow)
    return;
  std::optional<Risk> Leak =
      firstLeak(Acquire, Held, *Flow, Context, *Functions, Throwing);
  if (!Leak) {
    // A lock may be kept on purpose where its acquiring failed (a semaphore's
    // result, a timed lock); a scope is destroyed unjoined wherever it goes.
    std::optional<SourceLocation> Return =
        Names.Scope ? returnBeforeRelease(Acquire, Held, *Flow, SM)
                    : std::nullopt;
    std::optional<SourceLocation> Loc =
        Return ? Reported.firstEditable(Acquire.getSourceRange(), SM)
               : std::nullopt;
    if (!Loc)
      return;
    ReportedScopes.insert(ScopeVariable);
    diag(*Loc, "%0 is destroyed without being joined if the function returns "
               "after %1 spawned work into it and before %2; %3")
        << ScopeVariable << Spawned << ("'" + ReleaseName + "'")
        << Names.Scope->Unjoined;
    if (std::optional<SourceLocation> ReturnLoc = editableLocation(*Return, SM))
      diag(*ReturnLoc, "it %select{returns|ends}0 here without %1",
           DiagnosticIDs::Note)
          << (*Return == Flow->body().getEndLoc()) << ("'" + ReleaseName + "'");
    note(*Loc, Names.Scope->Instead);
    return;
  }

  std::optional<SourceLocation> Loc =
      Reported.firstEditable(Acquire.getSourceRange(), SM);
  if (!Loc)
    return;
  std::string Release = "'" + ReleaseName + "'";
  if (Names.Scope) {
    ReportedScopes.insert(ScopeVariable);
    diag(*Loc, "%0 is destroyed without being joined if an exception or "
               "cancellation leaves after %1 spawned work into it and "
               "before %2; %3")
        << ScopeVariable << Spawned << Release << Names.Scope->Unjoined;
  } else {
    diag(*Loc, "the resource acquired by %0 leaks if an exception or "
               "cancellation leaves before %1")
        << Acquire.getDirectCallee() << Release;
  }
  if (std::optional<SourceLocation> LeakLoc =
          editableLocation(Leak->At->getSourceRange(), SM))
    diag(*LeakLoc,
         "%select{this throw skips %1|cancellation or an exception at this "
         "suspension point skips %1|destroying the coroutine while it is "
         "suspended here skips %1|an exception thrown here skips %1}0",
         DiagnosticIDs::Note)
        << static_cast<unsigned>(Leak->Kind) << Release;
  note(*Loc, Names.Scope  ? llvm::StringRef(Names.Scope->Instead)
             : Names.Lock ? llvm::StringRef(Names.Lock->Guard)
                          : llvm::StringRef(remediesFor(Function).Guard));
}

} // namespace clang::tidy::coroscope
