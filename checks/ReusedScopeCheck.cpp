//===--- ReusedScopeCheck.cpp - coroscope ---------------------------------===//

#include "ReusedScopeCheck.h"
#include "utils/ExceptionFacts.h"
#include "utils/ExpressionFacts.h"
#include "utils/FunctionBody.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coroscope {
namespace {

/// What an expression does to a single-use object.
enum class UseKind {
  Await,   ///< `co_await x`
  Enter,   ///< `async_with(x, ...)`, `stack.enter(x)`: an EnteringFunction
  Consume, ///< `x.aclose()`: a ConsumingMethod
  Use,     ///< `x.enter(y)`: an EnteringFunction called on it
};

/// Why a use leaves the object unusable; indexes the message's %select.
enum class Consumption {
  None,      ///< it does not: `stack.enter(y)`, or awaiting a finished task
             ///< whose awaiter reports it ready
  RunsOnce,  ///< awaiting a lazy task runs its body, which runs once
  Moved,     ///< an rvalue `operator co_await` took it
  SingleUse, ///< entering, closing or awaiting a SingleUseTypes object
  MovedOut,  ///< awaiting it moved its result out
};

struct Use {
  const Expr *At;        ///< the await or call
  const Expr *Reference; ///< the object, where the diagnostic points
  UseKind Kind;
  const NamedDecl *Callee; ///< the function, for all kinds but Await
  Consumption How;

  bool consumes() const { return How != Consumption::None; }
};

/// The uses and reassignments of one single-use variable in one function.
struct VariableHistory {
  ReusedScopeCheck::SingleUse Why = ReusedScopeCheck::SingleUse::No;
  llvm::SmallVector<Use, 4> Uses;
  llvm::SmallVector<const Stmt *, 4> Reinits;
};

/// The same, per CFG block.
struct BlockHistory {
  llvm::SmallVector<const Use *, 2> Uses;
  llvm::SmallVector<const Stmt *, 2> Reinits;
};

struct Reuse {
  const Use *Second;
  bool LaterIteration;
};

std::string describe(const Use &U) {
  std::string Callee =
      U.Callee ? "'" + U.Callee->getNameAsString() + "'" : std::string();
  switch (U.Kind) {
  case UseKind::Await:
    return "awaited";
  case UseKind::Enter:
    return "entered by " + Callee;
  case UseKind::Consume:
    return "consumed by " + Callee;
  case UseKind::Use:
    return "used by " + Callee;
  }
  llvm_unreachable("unknown UseKind");
}

bool isLoop(const Stmt &S) {
  return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

/// Finds, upstream bugprone-use-after-move's way, a use of a variable that
/// may follow \p First with no reassignment in between: first in the rest of
/// First's block, then breadth-first through its successors, including the
/// way back to First's block around a loop, and the handlers an exception
/// thrown on the way reaches (a retry loop around the same task).
class ReuseFinder {
public:
  ReuseFinder(const FunctionFlow &Flow,
              const llvm::DenseMap<const CFGBlock *, BlockHistory> &Blocks,
              const SourceManager &SM)
      : Flow(Flow), Blocks(Blocks), SM(SM) {}

  std::optional<Reuse> after(const Use &First) {
    const CFGBlock *Start = Flow.blockOf(*First.At);
    std::optional<unsigned> FirstIndex =
        Start ? Flow.indexIn(*Start, *First.At) : std::nullopt;
    if (!FirstIndex)
      return std::nullopt;
    bool Reinitialized = false;
    if (const Use *Second = inBlock(*Start, &First, Reinitialized))
      return Reuse{Second, false};
    if (Reinitialized)
      return std::nullopt;
    llvm::SmallPtrSet<const CFGBlock *, 16> Visited;
    llvm::SmallVector<const CFGBlock *, 16> Pending;
    auto Continue = [&](const CFGBlock &Block, unsigned From) {
      Pending.append(takenSuccessors(Block));
      for (unsigned I = From; I < Block.size(); ++I)
        if (std::optional<CFGStmt> Element = Block[I].getAs<CFGStmt>())
          if (const CFGBlock *Handlers =
                  Flow.exceptionTarget(*Element->getStmt());
              Handlers && mayThrow(*Element->getStmt()))
            Pending.push_back(Handlers);
    };
    // The use itself may end with an exception: awaiting a task that fails.
    Continue(*Start, *FirstIndex);
    for (unsigned I = 0; I < Pending.size(); ++I) {
      const CFGBlock *Block = Pending[I];
      if (!Block || !Visited.insert(Block).second)
        continue;
      if (const Use *Second = inBlock(*Block, nullptr, Reinitialized))
        return Reuse{Second, Second->At == First.At ||
                                 SM.isBeforeInTranslationUnit(
                                     Second->Reference->getBeginLoc(),
                                     First.Reference->getBeginLoc())};
      if (!Reinitialized)
        Continue(*Block, 0);
    }
    return std::nullopt;
  }

private:
  /// The first use in \p Block that may come after \p First (null: anywhere
  /// in the block) with no reassignment certainly between them.
  const Use *inBlock(const CFGBlock &Block, const Use *First,
                     bool &Reinitialized) {
    auto It = Blocks.find(&Block);
    Reinitialized = false;
    if (It == Blocks.end())
      return nullptr;
    llvm::SmallVector<const Stmt *, 2> Reinits;
    for (const Stmt *Reinit : It->second.Reinits)
      if (!First || !Flow.potentiallyAfter(*First->At, *Reinit))
        Reinits.push_back(Reinit);
    Reinitialized = !Reinits.empty();
    for (const Use *Second : It->second.Uses) {
      if (First && (Second->At == First->At ||
                    !Flow.potentiallyAfter(*Second->At, *First->At)))
        continue;
      // Unsequenced (`co_await t + co_await t`): reported once, at the later.
      if (First && SM.isBeforeInTranslationUnit(
                       Second->Reference->getBeginLoc(),
                       First->Reference->getBeginLoc()))
        continue;
      if (llvm::none_of(Reinits, [&](const Stmt *Reinit) {
            return !Flow.potentiallyAfter(*Reinit, *Second->At);
          }))
        return Second;
    }
    return nullptr;
  }

  const FunctionFlow &Flow;
  const llvm::DenseMap<const CFGBlock *, BlockHistory> &Blocks;
  const SourceManager &SM;
};

/// False for a task of `void` (`task<void>`): awaiting it again moves out
/// nothing, and gives the stored exception again, if any.
bool carriesValue(const CXXRecordDecl &Task) {
  const auto *Specialization = dyn_cast<ClassTemplateSpecializationDecl>(&Task);
  if (!Specialization || Specialization->getTemplateArgs().size() == 0)
    return true;
  const TemplateArgument &Result = Specialization->getTemplateArgs()[0];
  return Result.getKind() != TemplateArgument::Type ||
         !Result.getAsType()->isVoidType();
}

} // namespace

ReusedScopeCheck::ReusedScopeCheck(StringRef Name, ClangTidyContext *Context)
    : LibraryAwareCheck(Name, Context),
      SingleUseTypes(Options.get("SingleUseTypes", "::coroscope::async_context;"
                                                   "::coroscope::exit_stack"),
                     *this, "SingleUseTypes"),
      ConsumingMethods(Options.get("ConsumingMethods", "async_enter;aclose"),
                       *this, "ConsumingMethods"),
      EnteringFunctions(Options.get("EnteringFunctions",
                                    "::coroscope::async_with;"
                                    "::coroscope::exit_stack::enter"),
                        *this, "EnteringFunctions"),
      NoExtraAwaitables(""), Facts(NoExtraAwaitables, Profiles) {}

void ReusedScopeCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  LibraryAwareCheck::storeOptions(Opts);
  Options.store(Opts, "SingleUseTypes", SingleUseTypes.source());
  Options.store(Opts, "ConsumingMethods", ConsumingMethods.source());
  Options.store(Opts, "EnteringFunctions", EnteringFunctions.source());
}

void ReusedScopeCheck::registerMatchers(MatchFinder *Finder) {
  // The analysis reads whole functions: that costs less than matchers for
  // candidate uses tried on every call of the unit.
  Functions = EnclosingFunctions::of(*Finder);
  Functions->onEachFunction(
      [this](const FunctionDecl &Function, ASTContext &Context) {
        analyze(Function, Context);
      });
}

ReusedScopeCheck::SingleUse ReusedScopeCheck::singleUse(QualType Type) {
  Type = Type.getNonReferenceType();
  if (Type.isNull() || Type->isDependentType())
    return SingleUse::No;
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  if (!Record)
    return SingleUse::No;
  if (SingleUseTypes.matches(*Record))
    return SingleUse::Listed;
  AwaitableFacts Awaitable = Facts.classify(Type);
  AwaitAgain Again =
      Awaitable.Profiled ? Awaitable.Profiled->Again : AwaitAgain::Structural;
  if (Again == AwaitAgain::Fine)
    return SingleUse::No;
  if (Again == AwaitAgain::MovedFrom)
    return carriesValue(*Record) ? SingleUse::ResultMovedOut : SingleUse::No;
  // A task that can be copied is shared: each owner may await it.
  if (Awaitable.isLazyTask() && !isCopyable(*Record))
    return SingleUse::LazyTask;
  return Awaitable.AwaitConsumes || Again == AwaitAgain::Fails
             ? SingleUse::ConsumingAwait
             : SingleUse::No;
}

void ReusedScopeCheck::analyze(const FunctionDecl &Function,
                               ASTContext &Context) {
  const Stmt *Body = writtenBody(Function);
  if (!Body || Function.isInvalidDecl())
    return;

  llvm::DenseMap<const VarDecl *, VariableHistory> Variables;
  // A local reference bound to a local (`auto &r = t;`) is another name for
  // it: a use through either is a use of the one object.
  llvm::DenseMap<const VarDecl *, const VarDecl *> Aliases;
  auto Named = [&](const VarDecl *Variable) {
    const VarDecl *Aliased = Aliases.lookup(Variable);
    return Aliased ? Aliased : Variable;
  };
  auto IsTracked = [&](const VarDecl *Variable) {
    Variable = Named(Variable);
    if (!Variable || !Variable->hasLocalStorage() || Variable->isInvalidDecl())
      return false;
    auto [Entry, Inserted] = Variables.try_emplace(Variable);
    if (Inserted)
      Entry->second.Why = singleUse(Variable->getType());
    return Entry->second.Why != SingleUse::No;
  };
  // The single-use variable \p E denotes, or null.
  auto Tracked = [&](const Expr *E) -> const VarDecl * {
    const VarDecl *Variable = E ? Named(denotedVariable(*E)) : nullptr;
    return IsTracked(Variable) ? Variable : nullptr;
  };
  auto Record = [&](const Expr &At, const Expr *Object, UseKind Kind,
                    const NamedDecl *Callee) {
    const VarDecl *Variable = Tracked(Object);
    if (!Variable)
      return;
    VariableHistory &History = Variables[Variable];
    Consumption How = Consumption::SingleUse;
    if (Kind == UseKind::Use)
      How = Consumption::None;
    else if (const auto *Await = dyn_cast<CoawaitExpr>(&At);
             Await && History.Why != SingleUse::Listed) {
      if (History.Why == SingleUse::ResultMovedOut)
        How = Consumption::MovedOut;
      else if (History.Why == SingleUse::LazyTask && !readyOnceDone(*Await))
        How = Consumption::RunsOnce;
      else if (awaitConsumesOperand(*Await) ||
               History.Why == SingleUse::ConsumingAwait)
        How = Consumption::Moved;
      else
        How = Consumption::None;
    }
    History.Uses.push_back({&At, ignoringMoves(Object), Kind, Callee, How});
  };
  auto Reinit = [&](const Stmt &At, const Expr *Object) {
    if (const VarDecl *Variable = Tracked(Object))
      Variables[Variable].Reinits.push_back(&At);
  };

  bool HasLabel = false;
  forEachOwnStatement(*Body, [&](const Stmt &S) {
    HasLabel |= isa<LabelStmt>(S);
    if (const auto *Await = dyn_cast<CoawaitExpr>(&S)) {
      if (!Await->isImplicit())
        Record(*Await, Await->getOperand(), UseKind::Await, nullptr);
      return;
    }
    if (const auto *Declaration = dyn_cast<DeclStmt>(&S)) {
      for (const Decl *D : Declaration->decls()) {
        const auto *Variable = dyn_cast<VarDecl>(D);
        if (Variable && Variable->hasLocalStorage() &&
            Variable->getType()->isReferenceType() && Variable->getInit())
          if (const VarDecl *Bound = Named(denotedVariable(*Variable->getInit()));
              Bound && Bound->hasLocalStorage() && Bound != Variable) {
            Aliases[Variable] = Bound;
            continue;
          }
        if (IsTracked(Variable))
          Variables[Variable].Reinits.push_back(Declaration);
      }
      return;
    }
    if (const auto *Assign = dyn_cast<BinaryOperator>(&S)) {
      if (Assign->getOpcode() == BO_Assign)
        Reinit(*Assign, Assign->getLHS());
      return;
    }
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (!Call)
      return;
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call)) {
      if (Operator->getOperator() == OO_Equal && Operator->getNumArgs() == 2)
        Reinit(*Operator, Operator->getArg(0));
      return;
    }
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      const Expr *Object = Member->getImplicitObjectArgument();
      if (ConsumingMethods.matches(*Callee))
        Record(*Member, Object, UseKind::Consume, Callee);
      else if (EnteringFunctions.matches(*Callee))
        Record(*Member, Object, UseKind::Use, Callee);
      else if (Callee->hasAttr<ReinitializesAttr>())
        Reinit(*Member, Object);
    }
    if (EnteringFunctions.matches(*Callee)) {
      for (const Expr *Argument : Call->arguments())
        Record(*Call, Argument, UseKind::Enter, Callee);
      return;
    }
    // As upstream's use-after-move: what a callee may assign through a
    // non-const reference counts as reassigned.
    if (isMoveOrForward(*Call))
      return;
    for (unsigned I = 0,
                  N = std::min(Call->getNumArgs(), Callee->getNumParams());
         I < N; ++I) {
      QualType Parameter = Callee->getParamDecl(I)->getType();
      if (Parameter->isLValueReferenceType() &&
          !Parameter.getNonReferenceType().isConstQualified())
        Reinit(*Call, Call->getArg(I));
    }
  });

  auto InLoop = [&](const Stmt &S) {
    return Functions->anyEnclosingStmt(
        S, [](const Stmt &Parent, const Stmt &) { return isLoop(Parent); });
  };
  // Without a second use, a loop or a label, nothing can be used twice: the
  // CFG is not built.
  auto MayBeReused = [&](const VariableHistory &History) {
    if (llvm::none_of(History.Uses, [](const Use &U) { return U.consumes(); }))
      return false;
    return History.Uses.size() > 1 || HasLabel ||
           InLoop(*History.Uses.front().At);
  };
  if (llvm::none_of(Variables, [&](const auto &Entry) {
        return MayBeReused(Entry.second);
      }))
    return;
  const FunctionFlow *Flow = Functions->flowOf(Function, Context);
  if (!Flow)
    return;

  const SourceManager &SM = Context.getSourceManager();
  for (auto &[Variable, History] : Variables) {
    if (!MayBeReused(History))
      continue;
    llvm::sort(History.Uses, [&](const Use &A, const Use &B) {
      return SM.isBeforeInTranslationUnit(A.Reference->getBeginLoc(),
                                          B.Reference->getBeginLoc());
    });
    llvm::DenseMap<const CFGBlock *, BlockHistory> Blocks;
    for (const Use &U : History.Uses)
      if (const CFGBlock *Block = Flow->blockOf(*U.At))
        Blocks[Block].Uses.push_back(&U);
    for (const Stmt *Reinit : History.Reinits)
      if (const CFGBlock *Block = Flow->blockOf(*Reinit))
        Blocks[Block].Reinits.push_back(Reinit);

    ReuseFinder Finder(*Flow, Blocks, SM);
    for (const Use &First : History.Uses) {
      if (!First.consumes())
        continue;
      std::optional<Reuse> Found = Finder.after(First);
      if (!Found)
        continue;
      const Use &Second = *Found->Second;
      std::optional<SourceLocation> Loc =
          Reported.firstEditable(Second.Reference->getSourceRange(), SM);
      if (!Loc)
        continue;
      QualType Type = Variable->getType().getNonReferenceType();
      const TaskType *Profiled = Facts.classify(Type).Profiled;
      std::string Fails = Profiled && Profiled->Again == AwaitAgain::Fails
                              ? Profiled->Fails.str()
                          : First.How == Consumption::RunsOnce
                              ? "resumes a finished coroutine"
                              : "uses a moved-from task";
      diag(*Loc, "'%0' is %1 after it was %2%select{| in an earlier loop "
                 "iteration}3; %select{|a lazy task runs only once, so using "
                 "it again %6|awaiting it consumed it, so using it again "
                 "%6|%5 is single-use, so the second use fails at run "
                 "time|awaiting it moved its result out, so awaiting it "
                 "again yields a moved-from value}4")
          << Variable->getName() << describe(Second) << describe(First)
          << Found->LaterIteration << static_cast<unsigned>(First.How)
          << Type.getUnqualifiedType() << Fails;
      if (std::optional<SourceLocation> FirstLoc =
              editableLocation(First.Reference->getSourceRange(), SM))
        diag(*FirstLoc, "'%0' was %1 here", DiagnosticIDs::Note)
            << Variable->getName() << describe(First);
    }
  }
}

} // namespace clang::tidy::coroscope
