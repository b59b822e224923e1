//===--- ExceptionPaths.cpp -----------------------------------------------===//

#include "utils/ExceptionPaths.h"
#include "utils/ControlFlow.h"
#include "utils/ExceptionFacts.h"
#include "utils/ExpressionFacts.h"
#include "utils/FunctionBody.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Sequence.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <cstdlib>
#include <deque>

namespace clang::tidy::coroscope {
namespace {

bool mentions(const Stmt &S, const VarDecl *Holder) {
  if (isCurrentExceptionCall(S))
    return true;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(&S))
    return Holder && Ref->getDecl() == Holder;
  for (const Stmt *Child : S.children())
    if (Child && mentions(*Child, Holder))
      return true;
  return false;
}

} // namespace

bool mayRethrowLater(const CXXCatchStmt &Handler) {
  llvm::SmallVector<const Stmt *, 16> Pending{Handler.getHandlerBlock()};
  while (!Pending.empty()) {
    const Stmt *S = Pending.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (isCurrentExceptionCall(*S))
      return true;
    if (const auto *Throw = dyn_cast<CXXThrowExpr>(S);
        Throw && !Throw->getSubExpr())
      return true;
    Pending.append(S->child_begin(), S->child_end());
  }
  return false;
}

namespace {

/// The handler whose `catch` keyword is at \p CatchLoc under \p S, with its
/// try statement.
std::optional<std::pair<const CXXTryStmt *, const CXXCatchStmt *>>
handlerAt(const Stmt &S, SourceLocation CatchLoc) {
  if (const auto *Try = dyn_cast<CXXTryStmt>(&S))
    for (const CXXCatchStmt *Handler : handlersReached(*Try, nullptr))
      if (Handler->getCatchLoc() == CatchLoc)
        return std::pair(Try, Handler);
  for (const Stmt *Child : S.children())
    if (Child)
      if (auto Found = handlerAt(*Child, CatchLoc))
        return Found;
  return std::nullopt;
}

} // namespace

llvm::SmallVector<HandlerInFunction, 1>
analyzableInstances(const CXXCatchStmt &Handler,
                    EnclosingFunctions &Functions) {
  const FunctionDecl *Function = Functions.enclosingFunction(Handler);
  if (!Function || Function->isInvalidDecl())
    return {};
  if (!Function->isDependentContext()) {
    const auto *Try = dyn_cast_or_null<CXXTryStmt>(Functions.parent(Handler));
    if (!Try)
      return {};
    return {{Function, Try, &Handler}};
  }
  const auto *Method = dyn_cast<CXXMethodDecl>(Function);
  const FunctionTemplateDecl *Template =
      Method && Method->getParent()->isLambda()
          ? Method->getDescribedFunctionTemplate()
          : nullptr;
  if (!Template)
    return {};
  llvm::SmallVector<HandlerInFunction, 1> Instances;
  for (const FunctionDecl *Instance : Template->specializations())
    if (const Stmt *Body = Instance->getBody();
        Body && !Instance->isInvalidDecl())
      if (auto Counterpart = handlerAt(*Body, Handler.getCatchLoc()))
        Instances.push_back(
            {Instance, Counterpart->first, Counterpart->second});
  return Instances;
}

//===----------------------------------------------------------------------===//
// The walk: every path from a handler's entry, one node per CFG block and
// exception_ptr holding the exception on entry to it.
//===----------------------------------------------------------------------===//

struct ExceptionPaths::Node {
  enum class Ending { Continues, Rethrown, Replaced, HandedOn, Dropped, Stops };

  Node(const CFGBlock *Block, const VarDecl *Holder, const Stmt *LeftVia)
      : Block(Block), Holder(Holder), LeftVia(LeftVia) {}

  const CFGBlock *Block;
  const VarDecl *Holder;
  /// The jump (break, continue, goto) by which control left the handler.
  const Stmt *LeftVia;
  /// The statements run, each with the exception_ptr holding the exception
  /// when it runs.
  llvm::SmallVector<std::pair<const Stmt *, const VarDecl *>, 8> Ran;
  Ending End = Ending::Continues;
  const Stmt *EndAt = nullptr;
  const VarDecl *EndHolder = nullptr;
  std::optional<Drop> Dropped;
  llvm::SmallVector<unsigned, 2> Successors;
  /// What an earlier walk found on from here, when this walk would find
  /// the same: it stops here.
  std::optional<Explored> Beyond;
  /// What happened here may depend on the handler the walk started from, so
  /// no later walk may stop here.
  bool HandlerDependent = false;

  /// The statements forEachPending may visit here.
  llvm::SmallVector<const Stmt *, 8> visited() const {
    llvm::SmallVector<const Stmt *, 8> Statements;
    for (const auto &[Statement, Holder] : Ran)
      Statements.push_back(Statement);
    if (End == Ending::Replaced && EndAt)
      Statements.push_back(EndAt);
    return Statements;
  }
};

struct ExceptionPaths::Walk {
  enum class EventKind {
    None,
    Capture,
    Rethrow,
    Throw,
    HandOff,
    Reset,
    Return
  };
  struct Event {
    EventKind Kind = EventKind::None;
    const VarDecl *Captured = nullptr;
  };

  ExceptionPaths &Paths;
  const CXXCatchStmt &Handler;
  /// The classes the original exception may be of; empty when unknown.
  llvm::ArrayRef<const CXXRecordDecl *> Caught;
  /// What findDrop looks for; null for forEachPending.
  const DropSearch *Search;
  std::vector<Node> Nodes;
  llvm::DenseMap<std::pair<const CFGBlock *, const VarDecl *>, unsigned> Index;
  /// The handlers that hold the original exception: the one the walk starts
  /// in, and those a `throw;` of it inside a nested `try` reaches.
  llvm::DenseSet<const CXXCatchStmt *> OriginalHandlers;
  /// No block of the graph starts the handler: no path goes through it.
  bool Unreachable = false;
  bool StopAtFirstDrop = false;
  /// What earlier walks of this kind found.
  Memo *Remembered = nullptr;
  /// The nodes processed so far, in order: the one being processed while
  /// process() runs.
  unsigned Processed = 0;
  /// Whether the walk stops where an earlier one went, and records where
  /// it went for later walks (see leavesTryForGood).
  bool Reuses = false;
  /// The nearest try statement around the handler's own `try`; null when
  /// there is none.
  const CXXTryStmt *Outer = nullptr;

  Walk(ExceptionPaths &Paths, const CXXCatchStmt &Handler,
       llvm::ArrayRef<const CXXRecordDecl *> Caught,
       const DropSearch *Search = nullptr)
      : Paths(Paths), Handler(Handler), Caught(Caught), Search(Search) {
    // A search that picks branches or drops finds what no other walk
    // finds: nothing is shared with them.
    Reuses = memoEnabled() && !Paths.Flow.hasLabels() && leavesTryForGood() &&
             !(Search && (Search->Branch || Search->Counts));
  }

  /// Whether no path from the handler comes back into its own try block:
  /// only a loop around the `try` or a `goto` leads back. Then whether a
  /// statement the walk reaches is guarded (a `try` around it does not
  /// enclose the handler), and where what it throws goes, depends on the
  /// handler only through the try statements around its own `try`, which
  /// Outer stands for: two such walks with the same Outer find the same
  /// wherever both go, unless what happens there depends on the handler
  /// otherwise (Node::HandlerDependent).
  bool leavesTryForGood() {
    const Stmt *Try = Paths.Flow.parent(Handler);
    for (const Stmt *S = Try ? Paths.Flow.parent(*Try) : nullptr; S;
         S = Paths.Flow.parent(*S)) {
      if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S))
        return false;
      if (!Outer)
        Outer = dyn_cast<CXXTryStmt>(S);
    }
    return Try != nullptr;
  }

  /// Walks until every path is known, or until the first drop.
  void run(bool StopAtFirstDrop) {
    this->StopAtFirstDrop = StopAtFirstDrop;
    Remembered = StopAtFirstDrop ? &Paths.DropWalks : &Paths.PendingWalks;
    walk();
    if (!Unreachable && !StopAtFirstDrop && mixesWithExplored()) {
      Reuses = false;
      walk();
    }
  }

  void walk() {
    Nodes.clear();
    Index.clear();
    OriginalHandlers = {&Handler};
    Processed = 0;
    const CFGBlock *Entry = Paths.Flow.handlerBlock(Handler);
    if (!Entry) {
      Unreachable = true;
      return;
    }
    enqueue(Entry, nullptr, nullptr);
    for (; Processed < Nodes.size(); ++Processed) {
      if (!Nodes[Processed].Beyond)
        process(Processed);
      if (StopAtFirstDrop && Nodes[Processed].Dropped) {
        ++Processed;
        return;
      }
    }
  }

  unsigned enqueue(const CFGBlock *Block, const VarDecl *Holder,
                   const Stmt *LeftVia) {
    auto [Entry, Inserted] =
        Index.try_emplace({Block, Holder}, unsigned(Nodes.size()));
    if (Inserted) {
      Nodes.emplace_back(Block, Holder, LeftVia);
      Nodes.back().Beyond = explored(Block, Holder);
    }
    return Entry->second;
  }

  /// What an earlier walk found on from \p Block with \p Holder, when this
  /// walk would find the same there: nothing on those paths depended on the
  /// earlier walk's handler, both walks have the same Outer, and the holder,
  /// the only one on those paths, is not local to this walk's handler.
  std::optional<Explored> explored(const CFGBlock *Block,
                                   const VarDecl *Holder) const {
    if (!Reuses || !Holder || declaredInHandler(*Holder))
      return std::nullopt;
    auto Found = Remembered->ExploredFrom.find({Block, Holder, Outer});
    // A path that drops is one findDrop must see.
    if (Found == Remembered->ExploredFrom.end() ||
        (StopAtFirstDrop && Found->second.Drops))
      return std::nullopt;
    return Found->second;
  }

  /// Whether stopping where earlier walks went could change what
  /// forEachPending visits on the other paths: when the walk reaches two
  /// rethrows, which one a node comes before depends on the order in which
  /// the nodes were found; a statement run both on an explored path and on
  /// another is visited from the node found first only.
  bool mixesWithExplored() const {
    if (llvm::none_of(Nodes, [](const Node &N) { return N.Beyond; }))
      return false;
    llvm::SmallPtrSet<const Stmt *, 2> Rethrows;
    bool ExploredRethrow = false;
    for (const Node &N : Nodes) {
      if (N.Beyond) {
        ExploredRethrow |= N.Beyond->Rethrow != nullptr;
        if (N.Beyond->Rethrow)
          Rethrows.insert(N.Beyond->Rethrow);
        continue;
      }
      if (N.End == Node::Ending::Rethrown && N.EndAt)
        Rethrows.insert(N.EndAt);
      for (const Stmt *S : N.visited())
        if (Remembered->ExploredStatements.contains({S, Outer}))
          return true;
    }
    return ExploredRethrow && Rethrows.size() > 1;
  }

  /// The rethrow each node comes before on some path. Of several, a node
  /// comes before the one that sweeps over the nodes in order, repeated
  /// until nothing changes, would hand it: each sweep gives a node without
  /// one the rethrow of its first successor that has one by then. Which
  /// sweep that is follows without running them: it is the node's distance
  /// back from the rethrows, where a step to a predecessor that comes later
  /// in order costs nothing (the same sweep reaches it next) and any other
  /// step costs one sweep.
  std::vector<const Stmt *> rethrowsAhead() const {
    constexpr unsigned Never = ~0u;
    std::vector<const Stmt *> Ahead(Nodes.size(), nullptr);
    std::vector<unsigned> Sweep(Nodes.size(), Never);
    std::vector<llvm::SmallVector<unsigned, 2>> Predecessors(Nodes.size());
    std::deque<unsigned> Pending;
    for (unsigned I = 0; I < Nodes.size(); ++I) {
      const Node &N = Nodes[I];
      for (unsigned Successor : N.Successors)
        Predecessors[Successor].push_back(I);
      Ahead[I] = N.Beyond                          ? N.Beyond->Rethrow
                 : N.End == Node::Ending::Rethrown ? N.EndAt
                                                   : nullptr;
      if (Ahead[I]) {
        Sweep[I] = 0;
        Pending.push_back(I);
      }
    }
    while (!Pending.empty()) {
      unsigned I = Pending.front();
      Pending.pop_front();
      for (unsigned Predecessor : Predecessors[I]) {
        unsigned Step = Sweep[I] > 0 && I < Predecessor ? 0 : 1;
        if (Sweep[I] + Step >= Sweep[Predecessor])
          continue;
        Sweep[Predecessor] = Sweep[I] + Step;
        if (Step == 0)
          Pending.push_front(Predecessor);
        else
          Pending.push_back(Predecessor);
      }
    }
    std::vector<unsigned> Order;
    for (unsigned I = 0; I < Nodes.size(); ++I)
      if (Sweep[I] != 0 && Sweep[I] != Never)
        Order.push_back(I);
    llvm::sort(Order, [&](unsigned A, unsigned B) {
      return std::pair(Sweep[A], A) < std::pair(Sweep[B], B);
    });
    for (unsigned I : Order)
      for (unsigned Successor : Nodes[I].Successors)
        if (Sweep[Successor] < Sweep[I] ||
            (Sweep[Successor] == Sweep[I] && Successor < I)) {
          Ahead[I] = Ahead[Successor];
          break;
        }
    return Ahead;
  }

  /// Records what the walk found on from each node whose paths do not
  /// depend on its handler, for later walks to stop there.
  void remember() {
    if (!Reuses)
      return;
    // Of two nodes that run a statement, the one found first visits it.
    llvm::DenseMap<const Stmt *, unsigned> Runs;
    for (const Node &N : Nodes)
      for (const Stmt *S : N.visited())
        ++Runs[S];
    std::vector<llvm::SmallVector<unsigned, 2>> Predecessors(Nodes.size());
    std::vector<Explored> Found(Nodes.size());
    // Some path on from the node depends on the handler, or was not walked
    // (findDrop stops at the first drop), or the paths reach two rethrows.
    llvm::BitVector Dependent(Nodes.size());
    for (unsigned I = 0; I < Nodes.size(); ++I) {
      const Node &N = Nodes[I];
      for (unsigned Successor : N.Successors)
        Predecessors[Successor].push_back(I);
      if (N.Beyond) {
        Found[I] = *N.Beyond;
        continue;
      }
      Found[I] = {N.End == Node::Ending::Rethrown ? N.EndAt : nullptr,
                  N.Dropped.has_value()};
      Dependent[I] = I >= Processed || N.HandlerDependent ||
                     llvm::any_of(N.visited(), [&](const Stmt *S) {
                       return Runs.lookup(S) > 1;
                     });
    }
    auto Changed = llvm::to_vector<16>(llvm::seq<unsigned>(0, Nodes.size()));
    while (!Changed.empty()) {
      unsigned I = Changed.pop_back_val();
      for (unsigned P : Predecessors[I]) {
        bool Depends = Dependent[P] || Dependent[I] ||
                       (Found[P].Rethrow && Found[I].Rethrow &&
                        Found[P].Rethrow != Found[I].Rethrow);
        const Stmt *Rethrow =
            Found[P].Rethrow ? Found[P].Rethrow : Found[I].Rethrow;
        bool Drops = Found[P].Drops || Found[I].Drops;
        if (Depends == Dependent[P] && Rethrow == Found[P].Rethrow &&
            Drops == Found[P].Drops)
          continue;
        Dependent[P] = Depends;
        Found[P] = {Rethrow, Drops};
        Changed.push_back(P);
      }
    }
    for (unsigned I = 0; I < Nodes.size(); ++I) {
      if (Nodes[I].Beyond || Dependent[I])
        continue;
      Remembered->ExploredFrom.try_emplace({Nodes[I].Block, Nodes[I].Holder, Outer},
                                     Found[I]);
      for (const Stmt *S : Nodes[I].visited())
        Remembered->ExploredStatements.insert({S, Outer});
    }
  }

  /// Whether \p S lies in \p Ancestor; std::nullopt when the body's parent
  /// map does not know \p S (then it says nothing about where control is).
  std::optional<bool> inside(const Stmt &S, const Stmt &Ancestor) const {
    const FunctionFlow &Flow = Paths.Flow;
    if (!Flow.parent(S) && &Flow.original(S) != &Flow.body())
      return std::nullopt;
    return Flow.isDescendantOrEqual(S, Ancestor);
  }

  bool rethrowsOriginal(const Stmt &S) {
    // OriginalHandlers starts with the handler.
    Nodes[Processed].HandlerDependent = true;
    for (const Stmt *Parent = Paths.Flow.parent(S); Parent;
         Parent = Paths.Flow.parent(*Parent))
      if (const auto *Catch = dyn_cast<CXXCatchStmt>(Parent))
        return OriginalHandlers.contains(Catch);
    return false;
  }

  bool holdable(const VarDecl *Var) const {
    return Var && Var->hasLocalStorage() &&
           !Var->getType()->isReferenceType() &&
           Var->getParentFunctionOrMethod() == &Paths.Function;
  }

  bool declaredInHandler(const VarDecl &Var) const {
    const SourceManager &SM = Paths.Context.getSourceManager();
    SourceLocation Loc = SM.getFileLoc(Var.getLocation());
    return SM.isPointWithin(Loc, SM.getFileLoc(Handler.getBeginLoc()),
                            SM.getFileLoc(Handler.getEndLoc()));
  }

  Event capturedInto(const VarDecl *Var) const {
    if (holdable(Var))
      return {EventKind::Capture, Var};
    return {EventKind::HandOff, nullptr};
  }

  /// Finds the first event in \p S, in evaluation order; true when found.
  bool scan(const Stmt &S, const VarDecl *Holder, Event &Found) {
    if (const auto *Lambda = dyn_cast<LambdaExpr>(&S)) {
      for (const Expr *Capture : Lambda->capture_inits())
        if (Capture && scan(*Capture, Holder, Found))
          return true;
      return false;
    }
    if (const auto *Throw = dyn_cast<CXXThrowExpr>(&S)) {
      if (const Expr *Thrown = Throw->getSubExpr()) {
        if (scan(*Thrown, Holder, Found))
          return true;
        Found = {EventKind::Throw};
        return true;
      }
      Found = {rethrowsOriginal(S) ? EventKind::Rethrow : EventKind::Throw};
      return true;
    }
    if (const Expr *Rethrown = rethrownPointer(S)) {
      const Expr *Argument = stripCopies(Rethrown);
      bool Original =
          Argument &&
          ((isCurrentExceptionCall(*Argument) && rethrowsOriginal(S)) ||
           (Holder && copiedVariable(Argument) == Holder));
      Found = {Original ? EventKind::Rethrow : EventKind::Throw};
      return true;
    }
    if (const auto *Declarations = dyn_cast<DeclStmt>(&S)) {
      for (const Decl *Declared : Declarations->decls()) {
        const auto *Var = dyn_cast<VarDecl>(Declared);
        if (!Var)
          continue;
        const Expr *Init = Var->getInit();
        if (Init && stripCopies(Init) &&
            isCurrentExceptionCall(*stripCopies(Init))) {
          Found = capturedInto(Var);
          return true;
        }
        if (Var == Holder) {
          Found = {EventKind::Reset};
          return true;
        }
        if (Init && scan(*Init, Holder, Found))
          return true;
      }
      return false;
    }
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&S)) {
      OverloadedOperatorKind Kind = Operator->getOperator();
      if (Kind == OO_Equal && Operator->getNumArgs() == 2) {
        const VarDecl *Target = copiedVariable(Operator->getArg(0));
        const Expr *Value = stripCopies(Operator->getArg(1));
        if (Value && isCurrentExceptionCall(*Value)) {
          Found = capturedInto(Target);
          return true;
        }
        if (Holder && Target == Holder) {
          Found = {EventKind::Reset};
          return true;
        }
      } else if (Kind == OO_EqualEqual || Kind == OO_ExclaimEqual) {
        return false;
      }
    }
    if (isa<CXXRewrittenBinaryOperator>(S))
      return false;
    if (isa<ReturnStmt, CoreturnStmt>(S)) {
      const Expr *Value = isa<ReturnStmt>(S)
                              ? cast<ReturnStmt>(S).getRetValue()
                              : cast<CoreturnStmt>(S).getOperand();
      Found = {Value && mentions(*Value, Holder) ? EventKind::HandOff
                                                 : EventKind::Return};
      return true;
    }
    if (isCurrentExceptionCall(S)) {
      Found = {EventKind::HandOff};
      return true;
    }
    if (Holder) {
      llvm::ArrayRef<const Expr *> Arguments;
      if (const auto *Call = dyn_cast<CallExpr>(&S))
        Arguments = llvm::ArrayRef(Call->getArgs(), Call->getNumArgs());
      else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S))
        Arguments =
            llvm::ArrayRef(Construct->getArgs(), Construct->getNumArgs());
      for (const Expr *Argument : Arguments)
        if (copiedVariable(Argument) == Holder) {
          Found = {EventKind::HandOff};
          return true;
        }
      // Testing or converting it leaves it where it is.
      if (const auto *Member = dyn_cast<MemberExpr>(&S);
          Member && copiedVariable(Member->getBase()) == Holder)
        return false;
    }
    for (const Stmt *Child : S.children())
      if (Child && scan(*Child, Holder, Found))
        return true;
    return false;
  }

  /// Ends the path at \p N with a drop, at \p Loc; the function goes on at
  /// element \p ContinuesAt of \p Continues (null: it ends there).
  void drop(Node &N, DropKind Kind, SourceLocation Loc, const VarDecl *Holder,
            const CFGBlock *Continues = nullptr, unsigned ContinuesAt = 0) {
    Drop Found{Kind, Loc, Holder, Continues, ContinuesAt};
    // After a best-effort cleanup's handler (`try { co_await rollback(); }
    // catch (...) { log(); }`), a function that throws on every path on, the
    // original exception or another one, before it loops, does not go on.
    bool ThrowsOn =
        Continues && Paths.throwsOnBeforeLooping(*Continues, ContinuesAt);
    if (ThrowsOn || (Search && Search->Counts && !Search->Counts(Found))) {
      N.End = Node::Ending::Stops;
      return;
    }
    N.End = Node::Ending::Dropped;
    N.Dropped = Found;
  }

  SourceLocation handlerEnd() const {
    return Handler.getHandlerBlock()->getEndLoc();
  }

  /// Sends the exception thrown at \p S into the handlers of \p Try.
  void dispatch(unsigned At, const CXXTryStmt &Try, bool Original,
                const VarDecl *Holder) {
    // Which handlers receive the original depends on its classes, and what
    // they do with it on OriginalHandlers.
    Nodes[At].HandlerDependent |= Original;
    llvm::SmallVector<const CXXCatchStmt *, 2> Targets;
    if (!Original || Caught.empty())
      Targets = handlersReached(Try, nullptr);
    for (const CXXRecordDecl *Class :
         Original ? Caught : llvm::ArrayRef<const CXXRecordDecl *>())
      for (const CXXCatchStmt *Target : handlersReached(Try, Class))
        if (!llvm::is_contained(Targets, Target))
          Targets.push_back(Target);
    if (Targets.empty()) {
      Nodes[At].End =
          Original ? Node::Ending::Rethrown : Node::Ending::Replaced;
      return;
    }
    for (const CXXCatchStmt *Target : Targets) {
      if (Original)
        OriginalHandlers.insert(Target);
      if (const CFGBlock *Block = Paths.Flow.handlerBlock(*Target)) {
        unsigned Successor = enqueue(Block, Holder, nullptr);
        Nodes[At].Successors.push_back(Successor);
      }
    }
  }

  void process(unsigned At) {
    const CFGBlock &Block = *Nodes[At].Block;
    const VarDecl *Holder = Nodes[At].Holder;
    // Without a holder, or with one local to the handler, a path ends where
    // it leaves the handler.
    Nodes[At].HandlerDependent = !Holder || declaredInHandler(*Holder);
    bool RanHere = false;
    unsigned Index = -1;
    for (const CFGElement &Element : Block) {
      ++Index;
      std::optional<CFGStmt> Statement = Element.getAs<CFGStmt>();
      if (!Statement || isa<CXXCatchStmt>(Statement->getStmt()) ||
          !Paths.isFullExpression(*Statement->getStmt()))
        continue;
      const Stmt *S = Statement->getStmt();
      std::optional<bool> InHandler = inside(*S, Handler);
      if (InHandler && !*InHandler) {
        if (!Holder) {
          const Stmt *Via = Nodes[At].LeftVia;
          drop(Nodes[At], DropKind::LeavesHandler,
               Via ? Via->getBeginLoc() : handlerEnd(), nullptr, &Block,
               Index);
          return;
        }
        if (declaredInHandler(*Holder)) {
          drop(Nodes[At], DropKind::OutOfScope, handlerEnd(), Holder, &Block,
               Index);
          return;
        }
      }
      Event Found;
      scan(*S, Holder, Found);
      Node &N = Nodes[At];
      switch (Found.Kind) {
      case EventKind::None:
        N.Ran.push_back({S, Holder});
        RanHere = true;
        continue;
      case EventKind::Capture:
        // A later walk checks only the holder it arrives with (explored()).
        N.HandlerDependent |= Found.Captured != Holder;
        Holder = Found.Captured;
        continue;
      case EventKind::Rethrow:
      case EventKind::Throw: {
        bool Original = Found.Kind == EventKind::Rethrow;
        if (const CXXTryStmt *Try = Paths.localTry(*S, Handler)) {
          dispatch(At, *Try, Original, Holder);
          return;
        }
        N.End = Original ? Node::Ending::Rethrown : Node::Ending::Replaced;
        N.EndAt = S;
        N.EndHolder = Holder;
        return;
      }
      case EventKind::HandOff:
        N.End = Node::Ending::HandedOn;
        return;
      case EventKind::Reset:
        drop(N, DropKind::Overwritten, S->getBeginLoc(), Holder, &Block,
             Index);
        return;
      case EventKind::Return:
        drop(N, DropKind::Returns, S->getBeginLoc(), Holder);
        return;
      }
    }

    // The CFG keeps an edge from a [[noreturn]] call to the exit; the path
    // ends there all the same.
    if (Block.hasNoReturnElement()) {
      Nodes[At].End = Node::Ending::Stops;
      return;
    }
    const Stmt *LeftVia = RanHere ? nullptr : Nodes[At].LeftVia;
    if (const Stmt *Jump = Block.getTerminatorStmt();
        Jump && isa<BreakStmt, ContinueStmt, GotoStmt>(Jump) &&
        inside(*Jump, Handler).value_or(false))
      LeftVia = Jump;
    // Which branch the exception takes, when a condition tells.
    std::optional<bool> Taken;
    const auto *Condition =
        Block.succ_size() == 2 ? branchCondition(Block) : nullptr;
    if (Condition && Holder)
      Taken = testsExceptionPointer(*Condition, [&](const Expr &E) {
        return copiedVariable(&E) == Holder;
      });
    if (Condition && !Taken && Search && Search->Branch &&
        inside(*Condition, Handler).value_or(false))
      Taken = Search->Branch(*Condition);
    unsigned Position = 0;
    bool Any = false;
    for (const CFGBlock::AdjacentBlock &Adjacent : Block.succs()) {
      unsigned Branch = Position++;
      const CFGBlock *Successor = Adjacent.getReachableBlock();
      if (!Successor || (Taken && Branch != (*Taken ? 0u : 1u)))
        continue;
      Any = true;
      if (Successor == &Paths.Flow.cfg().getExit()) {
        // Recorded without ending the node: its other successors may still
        // lead to a rethrow.
        Drop Found =
            Holder
                ? Drop{DropKind::FallsOffEnd, Paths.Flow.body().getEndLoc(),
                       Holder}
                : Drop{DropKind::LeavesHandler,
                       LeftVia ? LeftVia->getBeginLoc() : handlerEnd(),
                       nullptr};
        if (!Search || !Search->Counts || Search->Counts(Found))
          Nodes[At].Dropped = Found;
        continue;
      }
      unsigned Next = enqueue(Successor, Holder, LeftVia);
      Nodes[At].Successors.push_back(Next);
    }
    if (!Any)
      Nodes[At].End = Node::Ending::Stops;
  }
};

//===----------------------------------------------------------------------===//

ExceptionPaths::ExceptionPaths(const FunctionDecl &Function,
                               const FunctionFlow &Flow, ASTContext &Context)
    : Function(Function), Flow(Flow), Context(Context) {}

ExceptionPaths::~ExceptionPaths() = default;

bool ExceptionPaths::memoEnabled() {
  static const bool Enabled = [] {
    const char *Setting = std::getenv("COROSCOPE_EXCEPTION_PATH_MEMO");
    return !Setting || llvm::StringRef(Setting) != "off";
  }();
  return Enabled;
}

bool ExceptionPaths::isFullExpression(const Stmt &S) const {
  if (&Flow.original(S) != &S)
    return true;
  // The expression inside stands for it.
  if (isa<FullExpr>(S))
    return false;
  const Stmt *Parent = Flow.parent(S);
  if (!Parent)
    return &S == &Flow.body();
  while (isa_and_nonnull<FullExpr>(Parent))
    Parent = Flow.parent(*Parent);
  // Declarations and returns are elements of their own, after their values.
  return !isa_and_nonnull<Expr, DeclStmt, ReturnStmt, CoreturnStmt>(Parent);
}

const CXXTryStmt *ExceptionPaths::localTry(const Stmt &S,
                                           const CXXCatchStmt &Handler) const {
  const CXXTryStmt *Try = Flow.innermostTry(S);
  if (!Try || Flow.isDescendantOrEqual(Handler, *Try))
    return nullptr;
  return Try;
}

std::optional<ExceptionPaths::Drop>
ExceptionPaths::findDrop(const CXXCatchStmt &Handler,
                         const DropSearch &Search) {
  Walk W(*this, Handler, Search.Caught, &Search);
  W.run(/*StopAtFirstDrop=*/true);
  if (W.Unreachable)
    return std::nullopt;
  W.remember();
  for (const Node &N : W.Nodes)
    if (N.Dropped)
      return N.Dropped;
  return std::nullopt;
}

void ExceptionPaths::forEachPending(
    const CXXCatchStmt &Handler, llvm::ArrayRef<const CXXRecordDecl *> Caught,
    llvm::function_ref<void(const Pending &)> Visit) {
  Walk W(*this, Handler, Caught);
  W.run(/*StopAtFirstDrop=*/false);
  if (W.Unreachable)
    return;
  W.remember();
  std::vector<Node> &Nodes = W.Nodes;
  std::vector<const Stmt *> RethrowAhead = W.rethrowsAhead();
  llvm::DenseSet<const Stmt *> Seen;
  for (unsigned I = 0; I < Nodes.size(); ++I) {
    if (RethrowAhead[I])
      for (const auto &[Element, Holder] : Nodes[I].Ran)
        if (Seen.insert(Element).second)
          Visit({Element, Holder, RethrowAhead[I],
                 localTry(*Element, Handler) != nullptr});
    if (Nodes[I].End == Node::Ending::Replaced && Nodes[I].EndHolder &&
        Seen.insert(Nodes[I].EndAt).second)
      Visit({Nodes[I].EndAt, Nodes[I].EndHolder, nullptr, false});
  }
}

bool ExceptionPaths::throwsOnBeforeLooping(const CFGBlock &Block,
                                           unsigned From) {
  auto Throws = [](const Stmt &S) {
    return isa<CXXThrowExpr>(S) || rethrownPointer(S);
  };
  if (!ThrowsOnFromStart)
    ThrowsOnFromStart = Flow.blocksWhereEveryPathPassesBeforeLooping(Throws);
  if (&Block == &Flow.cfg().getExit())
    return false;
  for (unsigned I = From; I < Block.size(); ++I)
    if (std::optional<CFGStmt> Statement = Block[I].getAs<CFGStmt>();
        Statement && Throws(*Statement->getStmt()))
      return true;
  return !Block.getLoopTarget() &&
         llvm::none_of(Block.succs(), [&](const CFGBlock *Next) {
           return Next && !ThrowsOnFromStart->test(Next->getBlockID());
         });
}

} // namespace clang::tidy::coroscope
