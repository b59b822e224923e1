//===--- ControlFlow.cpp --------------------------------------------------===//

#include "utils/ControlFlow.h"
#include "utils/CoroutineFacts.h"
#include "utils/ExpressionFacts.h"
#include "utils/FunctionBody.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::coroscope {

std::unique_ptr<CFG> buildFunctionCFG(const FunctionDecl &Function,
                                      ASTContext &Context) {
  if (!Function.getBody() || Function.isDependentContext() ||
      holdsErrors(Function, Context))
    return nullptr;
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  return CFG::buildCFG(&Function, const_cast<Stmt *>(writtenBody(Function)),
                       &Context, Options);
}

namespace {

template <typename Neighbours>
llvm::BitVector reach(const CFG &Graph, llvm::ArrayRef<const CFGBlock *> Starts,
                      Neighbours NeighboursOf) {
  llvm::BitVector Reached(Graph.getNumBlockIDs());
  llvm::SmallVector<const CFGBlock *, 16> Pending;
  for (const CFGBlock *Start : Starts)
    if (!Reached.test(Start->getBlockID())) {
      Reached.set(Start->getBlockID());
      Pending.push_back(Start);
    }
  while (!Pending.empty()) {
    const CFGBlock *Block = Pending.pop_back_val();
    for (const CFGBlock *Next : NeighboursOf(*Block))
      if (Next && !Reached.test(Next->getBlockID())) {
        Reached.set(Next->getBlockID());
        Pending.push_back(Next);
      }
  }
  return Reached;
}

} // namespace

llvm::BitVector reachableFrom(const CFG &Graph, const CFGBlock &From) {
  return reach(Graph, {&From},
               [](const CFGBlock &Block) { return Block.succs(); });
}

llvm::BitVector reaching(const CFG &Graph, const CFGBlock &To) {
  return reaching(Graph, {&To});
}

llvm::BitVector reaching(const CFG &Graph,
                         llvm::ArrayRef<const CFGBlock *> To) {
  return reach(Graph, To, [](const CFGBlock &Block) { return Block.preds(); });
}

const Expr *branchCondition(const CFGBlock &Block) {
  const auto *Condition =
      dyn_cast_or_null<Expr>(Block.getTerminatorCondition());
  const auto *Chain =
      Condition ? dyn_cast<BinaryOperator>(Condition->IgnoreParens()) : nullptr;
  if (!Chain || !Chain->isLogicalOp() || Block.empty())
    return Condition;
  std::optional<CFGStmt> Last = Block.back().getAs<CFGStmt>();
  const auto *Operand = Last ? dyn_cast<Expr>(Last->getStmt()) : nullptr;
  return Operand ? Operand : Condition;
}

llvm::SmallVector<const CFGBlock *, 2> takenSuccessors(const CFGBlock &Block) {
  const Expr *Condition = branchCondition(Block);
  if (std::optional<bool> Known =
          Condition ? evidentBoolean(*Condition) : std::nullopt;
      Known && Block.succ_size() == 2)
    return {*(Block.succ_begin() + (*Known ? 0 : 1))};
  return {Block.succ_begin(), Block.succ_end()};
}

std::optional<const CFGBlock *> successorWhenTrue(const CFGBlock &Block,
                                                  const Expr &Condition) {
  const Expr *Tested = branchCondition(Block);
  if (!Tested || Block.succ_size() != 2)
    return std::nullopt;
  bool Negated = false;
  Tested = Tested->IgnoreParenImpCasts();
  while (const auto *Not = dyn_cast<UnaryOperator>(Tested)) {
    if (Not->getOpcode() != UO_LNot)
      return std::nullopt;
    Negated = !Negated;
    Tested = Not->getSubExpr()->IgnoreParenImpCasts();
  }
  if (Tested != &Condition)
    return std::nullopt;
  return *(Block.succ_begin() + (Negated ? 1 : 0));
}

const Stmt *exceptionalExit(const CFGBlock &Block) {
  // A try statement's dispatch block goes on to the exit when no handler
  // matches: the exception propagates.
  if (const auto *Try = dyn_cast_or_null<CXXTryStmt>(Block.getTerminatorStmt()))
    return Try;
  for (const CFGElement &Element : Block) {
    std::optional<CFGStmt> AsStmt = Element.getAs<CFGStmt>();
    if (!AsStmt)
      continue;
    const Stmt *S = AsStmt->getStmt();
    if (isa<CXXThrowExpr>(S))
      return S;
    if (const auto *Call = dyn_cast<CallExpr>(S);
        Call && Block.hasNoReturnElement() && Call->getDirectCallee() &&
        Call->getDirectCallee()->isNoReturn())
      return S;
  }
  return nullptr;
}

std::unique_ptr<FunctionFlow> FunctionFlow::build(const FunctionDecl &Function,
                                                  ASTContext &Context) {
  std::unique_ptr<CFG> Graph = buildFunctionCFG(Function, Context);
  if (!Graph)
    return nullptr;
  return std::unique_ptr<FunctionFlow>(
      new FunctionFlow(std::move(Graph), *writtenBody(Function)));
}

FunctionFlow::FunctionFlow(std::unique_ptr<CFG> TheGraph, const Stmt &TheBody)
    : Graph(std::move(TheGraph)), Body(&TheBody), Parents(TheBody) {
  for (const auto &[Synthetic, Source] : Graph->synthetic_stmts())
    SyntheticSources[Synthetic] = Source;
  // Pre-order visits an outer try before the tries nested in it, so the
  // innermost one is written last.
  forEachOwnStatement(*Body, [&](const Stmt &S) {
    if (const auto *Try = dyn_cast<CXXTryStmt>(&S))
      forEachOwnStatement(*Try->getTryBlock(), [&](const Stmt &Inner) {
        InnermostTry[&Inner] = Try;
      });
  });
  for (const CFGBlock *Block : *Graph) {
    if (const auto *Try =
            dyn_cast_or_null<CXXTryStmt>(Block->getTerminatorStmt()))
      Dispatch[Try] = Block;
    if (const auto *Handler = dyn_cast_or_null<CXXCatchStmt>(Block->getLabel()))
      HandlerBlocks[Handler] = Block;
    HasLabels |= isa_and_nonnull<LabelStmt>(Block->getLabel());
    unsigned Index = 0;
    for (const CFGElement &Element : *Block) {
      if (std::optional<CFGStmt> Statement = Element.getAs<CFGStmt>()) {
        Blocks[Statement->getStmt()] = Block;
        Indices.try_emplace({Block, Statement->getStmt()}, Index);
      }
      ++Index;
    }
  }
}

const CFGBlock *FunctionFlow::blockOf(const Stmt &S) const {
  for (const Stmt *Inner = &S; Inner; Inner = Parents.parent(*Inner))
    if (const CFGBlock *Block = Blocks.lookup(Inner))
      return Block;
  return nullptr;
}

std::optional<unsigned> FunctionFlow::indexIn(const CFGBlock &Block,
                                              const Stmt &S) const {
  auto Found = Indices.find({&Block, &S});
  if (Found == Indices.end())
    return std::nullopt;
  return Found->second;
}

bool FunctionFlow::potentiallyAfter(const Stmt &After,
                                    const Stmt &Before) const {
  return !inSequence(After, Before);
}

const Stmt &FunctionFlow::original(const Stmt &S) const {
  const Stmt *Source = SyntheticSources.lookup(&S);
  return Source ? *Source : S;
}

const Stmt *FunctionFlow::parent(const Stmt &S) const {
  return Parents.parent(original(S));
}

bool FunctionFlow::isDescendantOrEqual(const Stmt &Descendant,
                                       const Stmt &Ancestor) const {
  for (const Stmt *S = &original(Descendant); S; S = Parents.parent(*S))
    if (S == &Ancestor)
      return true;
  return false;
}

bool FunctionFlow::inSequence(const Stmt &Before, const Stmt &After) const {
  const Stmt &From = original(Before);
  const Stmt &To = original(After);
  for (const Stmt *Successor = sequenceSuccessor(From); Successor;
       Successor = sequenceSuccessor(*Successor))
    if (isDescendantOrEqual(To, *Successor))
      return true;
  // What holds an expression is evaluated after it, and so is what follows
  // the holder.
  const Stmt *Parent = Parents.parent(From);
  return Parent && (Parent == &To || inSequence(*Parent, To));
}

const Stmt *FunctionFlow::sequenceSuccessor(const Stmt &S) const {
  const Stmt *Parent = Parents.parent(S);
  auto Following = [&](auto &&Siblings) -> const Stmt * {
    const Stmt *Previous = nullptr;
    for (const Stmt *Sibling : Siblings) {
      if (Previous == &S)
        return Sibling;
      Previous = Sibling;
    }
    return nullptr;
  };
  if (const auto *Binary = dyn_cast_or_null<BinaryOperator>(Parent))
    return Binary->getOpcode() == BO_Comma && Binary->getLHS() == &S
               ? Binary->getRHS()
               : nullptr;
  if (const auto *List = dyn_cast_or_null<InitListExpr>(Parent))
    return Following(List->inits());
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Parent))
    return Construct->isListInitialization() ? Following(Construct->arguments())
                                             : nullptr;
  if (const auto *Compound = dyn_cast_or_null<CompoundStmt>(Parent))
    return Following(Compound->body());
  if (const auto *Declaration = dyn_cast_or_null<DeclStmt>(Parent)) {
    llvm::SmallVector<const Stmt *, 2> Inits;
    for (const Decl *D : Declaration->decls())
      if (const auto *Variable = dyn_cast<VarDecl>(D))
        if (const Expr *Init = Variable->getInit())
          Inits.push_back(Init);
    return Following(Inits);
  }
  if (const auto *ForRange = dyn_cast_or_null<CXXForRangeStmt>(Parent))
    return &S == ForRange->getLoopVarStmt() ? ForRange->getBody() : nullptr;
  // An init statement comes before the condition's variable, and that before
  // the condition.
  auto BeforeCondition = [&](const Stmt *Init, const Stmt *Variable,
                             const Stmt *Condition) -> const Stmt * {
    if (Init && &S == Init)
      return Variable ? Variable : Condition;
    return Variable && &S == Variable ? Condition : nullptr;
  };
  if (const auto *If = dyn_cast_or_null<IfStmt>(Parent))
    return BeforeCondition(If->getInit(), If->getConditionVariableDeclStmt(),
                           If->getCond());
  if (const auto *Switch = dyn_cast_or_null<SwitchStmt>(Parent))
    return BeforeCondition(Switch->getInit(),
                           Switch->getConditionVariableDeclStmt(),
                           Switch->getCond());
  if (const auto *While = dyn_cast_or_null<WhileStmt>(Parent))
    return BeforeCondition(nullptr, While->getConditionVariableDeclStmt(),
                           While->getCond());
  return nullptr;
}

const CXXTryStmt *FunctionFlow::innermostTry(const Stmt &S) const {
  return InnermostTry.lookup(&original(S));
}

const CFGBlock *FunctionFlow::exceptionTarget(const Stmt &S) const {
  const CXXTryStmt *Try = innermostTry(S);
  return Try ? Dispatch.lookup(Try) : nullptr;
}

bool FunctionFlow::everyPathPasses(
    const CFGBlock &From, llvm::function_ref<bool(const Stmt &)> Passes) const {
  llvm::SmallPtrSet<const CFGBlock *, 16> Visited;
  llvm::SmallVector<const CFGBlock *, 16> Pending{&From};
  while (!Pending.empty()) {
    const CFGBlock *Block = Pending.pop_back_val();
    if (!Visited.insert(Block).second)
      continue;
    if (Block == &Graph->getExit())
      return false;
    bool Passed = false;
    for (const CFGElement &Element : *Block)
      if (std::optional<CFGStmt> Statement = Element.getAs<CFGStmt>())
        if ((Passed = Passes(*Statement->getStmt())))
          break;
    if (Passed)
      continue;
    for (const CFGBlock *Successor : Block->succs())
      if (Successor)
        Pending.push_back(Successor);
  }
  return true;
}

llvm::BitVector FunctionFlow::blocksWhereEveryPathPassesBeforeLooping(
    llvm::function_ref<bool(const Stmt &)> Passes) const {
  // The greatest fixed point, as everyPathPasses's walk finds it: a path
  // that only comes back where it has been fails nowhere.
  llvm::BitVector Holds(Graph->getNumBlockIDs(), true);
  llvm::BitVector PassesInBlock(Graph->getNumBlockIDs());
  for (const CFGBlock *Block : *Graph)
    for (const CFGElement &Element : *Block)
      if (std::optional<CFGStmt> Statement = Element.getAs<CFGStmt>();
          Statement && Passes(*Statement->getStmt())) {
        PassesInBlock.set(Block->getBlockID());
        break;
      }
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const CFGBlock *Block : *Graph) {
      unsigned ID = Block->getBlockID();
      if (!Holds.test(ID) || PassesInBlock.test(ID))
        continue;
      bool Fails = Block == &Graph->getExit() || Block->getLoopTarget() ||
                   llvm::any_of(Block->succs(), [&](const CFGBlock *Next) {
                     return Next && !Holds.test(Next->getBlockID());
                   });
      if (Fails) {
        Holds.reset(ID);
        Changed = true;
      }
    }
  }
  return Holds;
}

bool FunctionFlow::mayReachSuspension(
    const CFGBlock &Block, unsigned From,
    llvm::function_ref<bool(const Stmt &)> Counts) const {
  auto Suspends = [&](const CFGBlock &In, unsigned First) {
    for (unsigned I = First; I < In.size(); ++I)
      if (std::optional<CFGStmt> Element = In[I].getAs<CFGStmt>();
          Element && isSuspensionPoint(*Element->getStmt()) &&
          Counts(*Element->getStmt()))
        return true;
    return false;
  };
  if (Suspends(Block, From))
    return true;
  llvm::BitVector Reached(Graph->getNumBlockIDs());
  llvm::SmallVector<const CFGBlock *, 16> Pending(Block.succ_begin(),
                                                  Block.succ_end());
  while (!Pending.empty()) {
    const CFGBlock *Next = Pending.pop_back_val();
    if (!Next || Reached.test(Next->getBlockID()))
      continue;
    Reached.set(Next->getBlockID());
    if (Suspends(*Next, 0))
      return true;
    Pending.append(Next->succ_begin(), Next->succ_end());
  }
  return false;
}

bool FunctionFlow::runsOnEveryExceptionalPath(
    const Stmt &S, llvm::function_ref<bool(const Stmt &)> Runs) const {
  // The dispatch block goes on to the exit unless a handler catches all.
  const CFGBlock *Target = exceptionTarget(S);
  return Target && everyPathPasses(*Target, Runs);
}

CallsByObject::CallsByObject(const Stmt &Body, const NameList &Callees,
                             const SourceManager &SM)
    : Callees(Callees), SM(SM) {
  unsigned Order = 0;
  forEachOwnStatement(Body, [&](const Stmt &S) {
    ++Order;
    for (AccessPath &Key : keysOf(S)) {
      Calls &Found = ByObject[std::move(Key)];
      Calls Here;
      Here.First = cast<CallExpr>(&S);
      Here.FirstOrder = Order;
      if (!Found.First || before(Here, Found)) {
        Found.First = Here.First;
        Found.FirstOrder = Order;
      }
    }
  });
}

bool CallsByObject::before(const Calls &A, const Calls &B) const {
  SourceLocation Left = A.First->getBeginLoc(), Right = B.First->getBeginLoc();
  if (Left != Right)
    return SM.isBeforeInTranslationUnit(Left, Right);
  return A.FirstOrder < B.FirstOrder;
}

llvm::SmallVector<AccessPath, 2> CallsByObject::keysOf(const Stmt &S) const {
  const auto *Call = dyn_cast<CallExpr>(&S);
  if (!Call || !Call->getDirectCallee() ||
      !Callees.matches(*Call->getDirectCallee()))
    return {};
  llvm::SmallVector<AccessPath, 2> Keys{AccessPath()};
  auto AddObject = [&](const Expr *Object) {
    // An empty path denotes no object (isSameObject), so no key.
    if (AccessPath Path = accessPath(Object); !Path.empty())
      Keys.push_back(std::move(Path));
  };
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    AddObject(Member->getImplicitObjectArgument());
  for (const Expr *Argument : Call->arguments())
    AddObject(Argument);
  return Keys;
}

bool CallsByObject::isCallOn(const Stmt &S,
                             llvm::ArrayRef<AccessPath> Objects) const {
  return llvm::any_of(keysOf(S), [&](const AccessPath &Key) {
    return llvm::is_contained(Objects, Key);
  });
}

const CallExpr *CallsByObject::first(llvm::ArrayRef<AccessPath> Objects) const {
  const Calls *Earliest = nullptr;
  for (const AccessPath &Object : Objects) {
    auto Found = ByObject.find(Object);
    if (Found == ByObject.end() || !Found->second.First)
      continue;
    const Calls &On = Found->second;
    if (!Earliest || before(On, *Earliest))
      Earliest = &On;
  }
  return Earliest ? Earliest->First : nullptr;
}

bool FlowElements::mayFollow(const CFG &Graph, const CFGBlock &Block,
                             unsigned Index) {
  if (LastIndex.empty())
    return false;
  if (auto Last = LastIndex.find(&Block);
      Last != LastIndex.end() && Last->second > Index)
    return true;
  if (!Reaching) {
    llvm::SmallVector<const CFGBlock *, 8> Holding;
    for (const auto &[Holder, Last] : LastIndex)
      Holding.push_back(Holder);
    Reaching = reaching(Graph, Holding);
  }
  return llvm::any_of(Block.succs(), [&](const CFGBlock *Successor) {
    return Successor && Reaching->test(Successor->getBlockID());
  });
}

bool CallsByObject::mayFollow(const FunctionFlow &Flow, const CFGBlock &Block,
                              unsigned Index,
                              llvm::ArrayRef<AccessPath> Objects) {
  if (!FlowIndexed) {
    FlowIndexed = true;
    for (const CFGBlock *Indexed : Flow.cfg()) {
      unsigned ElementIndex = 0;
      for (const CFGElement &Element : *Indexed) {
        if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
          for (AccessPath &Key : keysOf(*S->getStmt()))
            ByObject[std::move(Key)].InFlow.add(*Indexed, ElementIndex);
        ++ElementIndex;
      }
    }
  }
  return llvm::any_of(Objects, [&](const AccessPath &Object) {
    auto Found = ByObject.find(Object);
    return Found != ByObject.end() &&
           Found->second.InFlow.mayFollow(Flow.cfg(), Block, Index);
  });
}

} // namespace clang::tidy::coroscope
