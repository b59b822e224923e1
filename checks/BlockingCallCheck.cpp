//===--- BlockingCallCheck.cpp - coroscope --------------------------------===//

#include "BlockingCallCheck.h"
#include "utils/CoroutineFacts.h"
#include "utils/ExpressionFacts.h"
#include "utils/FunctionBody.h"
#include "utils/ResourceFacts.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::coroscope {

// NameList entries; the C library's functions with a leading `::`, so that
// `read` does not name every method called `read`.
constexpr llvm::StringLiteral DefaultBlockingFunctions =
    "std::this_thread::sleep_for;std::this_thread::sleep_until;"
    "::sleep;::usleep;::nanosleep;::clock_nanosleep;"
    "::system;"
    "::fopen;::fread;::fwrite;::fgets;"
    "::read;::write;::pread;::pwrite;::readv;::writev;"
    "::recv;::recvfrom;::recvmsg;::send;::sendto;::sendmsg;::connect;::accept;"
    "::accept4;"
    "::getaddrinfo;::gethostbyname;"
    "std::(recursive_)?(timed_)?mutex::lock;"
    "std::(recursive_)?timed_mutex::try_lock_(for|until);"
    "std::shared_(timed_)?mutex::lock(_shared)?;"
    "std::(unique|shared)_lock::lock;"
    "std::condition_variable(_any)?::wait(_for|_until)?;"
    "std::counting_semaphore::acquire;"
    "std::latch::(arrive_and_)?wait;std::barrier::arrive_and_wait;"
    "std::(shared_)?future::(get|wait);"
    "std::j?thread::join";
constexpr llvm::StringLiteral DefaultBlockingStreamTypes =
    "std::basic_(i|o)?fstream";

namespace {

using Alternative = BlockingCallCheck::Alternative;

/// Which remedy replaces what the blocking function does, judged by its
/// name so that user-listed functions get one too.
Alternative alternativeFor(llvm::StringRef Name) {
  if (Name.contains("sleep"))
    return Alternative::Sleep;
  if (Name.starts_with("std::")) {
    if (Name.contains("mutex::") || Name.contains("_lock::"))
      return Alternative::Lock;
    if (Name.contains("semaphore::"))
      return Alternative::Semaphore;
    if (Name.contains("condition_variable") || Name.contains("latch::") ||
        Name.contains("barrier::"))
      return Alternative::Event;
  }
  return Alternative::Offload;
}

/// The function a call calls, or the variable holding the function object
/// it calls (a customization point object such as `stdexec::sync_wait`).
const NamedDecl *calleeOf(const CallExpr &Call) {
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call);
      Operator && Operator->getOperator() == OO_Call)
    if (const auto *Object = dyn_cast<DeclRefExpr>(
            Operator->getArg(0)->IgnoreParenImpCasts()))
      if (const auto *Variable = dyn_cast<VarDecl>(Object->getDecl());
          Variable && !Variable->hasLocalStorage())
        return Variable;
  return Call.getDirectCallee();
}

/// Members that ask whether a future is ready.
bool asksReadiness(const FunctionDecl &Callee) {
  const IdentifierInfo *Name = Callee.getIdentifier();
  return Name && llvm::is_contained({"available", "failed", "isFinished",
                                     "is_ready", "isReady", "ready"},
                                    Name->getName());
}

/// POSIX calls on a file descriptor, which block only when the descriptor
/// is in blocking mode.
bool isFileDescriptorCall(const FunctionDecl &Callee) {
  const IdentifierInfo *Name = Callee.getIdentifier();
  if (!Name ||
      !Callee.getDeclContext()->getRedeclContext()->isTranslationUnit() ||
      Callee.getNumParams() == 0 ||
      !Callee.getParamDecl(0)->getType()->isIntegerType())
    return false;
  return llvm::is_contained({"read", "write", "pread", "pwrite", "readv",
                             "writev", "recv", "recvfrom", "recvmsg", "send",
                             "sendto", "sendmsg", "connect", "accept",
                             "accept4"},
                            Name->getName());
}

/// Stream members and free functions that read, write, open or flush.
bool isStreamIO(const FunctionDecl &Callee) {
  OverloadedOperatorKind Operator = Callee.getOverloadedOperator();
  if (Operator == OO_LessLess || Operator == OO_GreaterGreater)
    return true;
  const IdentifierInfo *Name = Callee.getIdentifier();
  return Name &&
         llvm::is_contained({"read", "readsome", "get", "getline", "peek",
                             "ignore", "unget", "putback", "sync", "write",
                             "put", "flush", "open", "close", "seekg", "seekp"},
                            Name->getName());
}

/// Names whose mention shows that the code expects non-blocking I/O: errno
/// values of an operation that would block, and the flags that ask for it.
bool namesNonBlockingIO(llvm::StringRef Name) {
  return llvm::is_contained({"EAGAIN", "EWOULDBLOCK", "EINPROGRESS",
                             "O_NONBLOCK", "SOCK_NONBLOCK", "MSG_DONTWAIT",
                             "resource_unavailable_try_again",
                             "operation_would_block", "operation_in_progress"},
                            Name);
}

bool spelledByNonBlockingMacro(SourceLocation Loc, const ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  while (Loc.isMacroID()) {
    if (namesNonBlockingIO(
            Lexer::getImmediateMacroName(Loc, SM, Context.getLangOpts())))
      return true;
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return false;
}

/// The variables, parameters, fields and functions that \p E refers to.
void collectReferencedDecls(const Stmt &E,
                            llvm::SmallPtrSetImpl<const Decl *> &Decls) {
  forEachOwnStatement(E, [&](const Stmt &S) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(&S))
      Decls.insert(Ref->getDecl()->getCanonicalDecl());
    else if (const auto *Member = dyn_cast<MemberExpr>(&S))
      Decls.insert(Member->getMemberDecl()->getCanonicalDecl());
  });
}

/// The expression a lock owner variable is initialized by, under the casts
/// and temporaries of `auto lock = std::unique_lock(m);`.
const CXXConstructExpr *constructionOf(const VarDecl &Var) {
  const Expr *Init = Var.getInit();
  while (Init) {
    Init = skipImplicitWrappers(Init);
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init))
      return Construct;
    const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Init);
    Init = Cast ? Cast->getSubExpr() : nullptr;
  }
  return nullptr;
}

} // namespace

/// What one coroutine's body shows about its I/O, computed when first asked.
struct BlockingCallCheck::CoroutineScan {
  CoroutineScan(const FunctionDecl &Coroutine, ASTContext &Context,
                LibraryProfiles &Profiles, EnclosingFunctions &Functions)
      : Coroutine(Coroutine), Context(Context), Profiles(Profiles),
        Functions(Functions) {}

  const FunctionDecl &Coroutine;
  ASTContext &Context;
  LibraryProfiles &Profiles;
  EnclosingFunctions &Functions;

  /// True when the coroutine moved onto a thread pool before \p S (`co_await
  /// pool.schedule();` earlier in a block around it, or a first parameter
  /// that starts it on one), where blocking is what the offload is for.
  bool runsOffloaded(const Stmt &S) {
    if (Profiles.startsOffloaded(Coroutine))
      return true;
    if (!Offloads) {
      Offloads.emplace();
      forEachOwnStatement(*Coroutine.getBody(), [&](const Stmt &Candidate) {
        const CallExpr *Call = awaitedCall(Candidate);
        if (Call && calleeOf(*Call) && Profiles.offloads(*calleeOf(*Call)))
          Offloads->push_back(cast<Expr>(&Candidate));
      });
    }
    if (Offloads->empty())
      return false;
    const SourceManager &SM = Context.getSourceManager();
    return Functions.anyEnclosingStmt(S, [&](const Stmt &Parent,
                                             const Stmt &Child) {
      const auto *Block = dyn_cast<CompoundStmt>(&Parent);
      if (!Block)
        return false;
      for (const Stmt *Earlier : Block->body()) {
        if (Earlier == &Child)
          return false;
        SourceRange Range = Earlier->getSourceRange();
        if (llvm::any_of(*Offloads, [&](const Expr *Await) {
              return SM.isPointWithin(Await->getBeginLoc(), Range.getBegin(),
                                      Range.getEnd());
            }))
          return true;
      }
      return false;
    });
  }

  /// True when the code treats \p Call's descriptor as non-blocking: it
  /// awaits something that names the same descriptor (a readiness wait), or
  /// it handles EAGAIN and its kin, or it asks for non-blocking mode.
  bool treatsAsNonBlocking(const CallExpr &Call) {
    if (!Collected)
      collect();
    if (HandlesWouldBlock)
      return true;
    llvm::SmallPtrSet<const Decl *, 4> Descriptor;
    collectReferencedDecls(*Call.getArg(0), Descriptor);
    return llvm::any_of(
        Descriptor, [&](const Decl *D) { return AwaitedDecls.contains(D); });
  }

  /// True unless \p Future may still be pending: a fresh call's result, or
  /// a local that no `co_await` produced, and that was not awaited or asked
  /// about (`available()`) before, as the futures a `co_await when_all(...)`
  /// completed are. Of other objects nothing is known, and nothing is
  /// reported.
  bool knownReady(const Expr &Future) {
    const Expr *Object = ignoringMoves(Future.IgnoreParenImpCasts());
    if (Object->isPRValue())
      return false;
    const auto *Ref = dyn_cast<DeclRefExpr>(Object);
    const ValueDecl *Named = Ref ? Ref->getDecl() : nullptr;
    const auto *Variable = dyn_cast_or_null<VarDecl>(Named);
    // A structured binding is settled with the object it decomposes
    // (`auto [a, b] = co_await when_all(...)`).
    if (const auto *Binding = dyn_cast_or_null<BindingDecl>(Named))
      Variable = dyn_cast_or_null<VarDecl>(Binding->getDecomposedDecl());
    if (!Variable || !Variable->hasLocalStorage() || isa<ParmVarDecl>(Variable))
      return true;
    if (!Collected)
      collect();
    const SourceManager &SM = Context.getSourceManager();
    for (const Decl *Key : {static_cast<const Decl *>(Variable),
                            static_cast<const Decl *>(Named)})
      if (auto Found = Settled.find(Key->getCanonicalDecl());
          Found != Settled.end() &&
          SM.isBeforeInTranslationUnit(Found->second, Future.getBeginLoc()))
        return true;
    bool Awaited = false;
    if (const Expr *Init = Variable->getInit())
      forEachOwnStatement(*Init, [&](const Stmt &S) {
        Awaited |= isa<CoroutineSuspendExpr>(S);
      });
    return Awaited;
  }

private:
  void collect() {
    Collected = true;
    llvm::SmallVector<const Stmt *, 4> Bodies{evidenceScope().getBody()};
    while (!Bodies.empty())
      forEachOwnStatement(*Bodies.pop_back_val(), [&](const Stmt &S) {
        if (const auto *Lambda = dyn_cast<LambdaExpr>(&S)) {
          Bodies.push_back(Lambda->getBody());
        } else if (isSuspensionPoint(S)) {
          if (const Expr *Operand = awaitedOperand(S)) {
            collectReferencedDecls(*Operand, AwaitedDecls);
            settles(*Operand, S.getBeginLoc());
          }
        } else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S)) {
          if (Call->getMethodDecl() && asksReadiness(*Call->getMethodDecl()))
            settles(*Call->getImplicitObjectArgument(), Call->getBeginLoc());
        } else if (const auto *Ref = dyn_cast<DeclRefExpr>(&S)) {
          HandlesWouldBlock |= isa<EnumConstantDecl>(Ref->getDecl()) &&
                               namesNonBlockingIO(Ref->getDecl()->getName());
        } else if (isa<IntegerLiteral>(S)) {
          HandlesWouldBlock |=
              spelledByNonBlockingMacro(S.getBeginLoc(), Context);
        }
      });
  }

  /// Where the evidence about the coroutine's descriptors is: in the
  /// coroutine, or, for a coroutine lambda, in the whole function that
  /// defines it, with its other lambdas: a server or a test sets the
  /// descriptors up there and spawns the lambdas that use them.
  const FunctionDecl &evidenceScope() const {
    const FunctionDecl *Scope = &Coroutine;
    while (const auto *Method = dyn_cast<CXXMethodDecl>(Scope)) {
      const auto *Outer =
          Method->getParent()->isLambda()
              ? dyn_cast<FunctionDecl>(Method->getParent()->getDeclContext())
              : nullptr;
      if (!Outer || !Outer->getBody())
        break;
      Scope = Outer;
    }
    return *Scope;
  }

  /// Records that what \p E refers to is known ready after \p At: it was
  /// awaited, or asked whether it is.
  void settles(const Expr &E, SourceLocation At) {
    llvm::SmallPtrSet<const Decl *, 4> Decls;
    collectReferencedDecls(E, Decls);
    const SourceManager &SM = Context.getSourceManager();
    for (const Decl *D : Decls) {
      auto [Entry, Inserted] = Settled.try_emplace(D, At);
      if (!Inserted && SM.isBeforeInTranslationUnit(At, Entry->second))
        Entry->second = At;
    }
  }

  /// The awaits that move the coroutine onto a thread pool, once asked.
  std::optional<llvm::SmallVector<const Expr *, 2>> Offloads;
  bool Collected = false;
  bool HandlesWouldBlock = false;
  llvm::SmallPtrSet<const Decl *, 8> AwaitedDecls;
  /// Where each future was first awaited or asked whether it is ready.
  llvm::DenseMap<const Decl *, SourceLocation> Settled;
};

BlockingCallCheck::BlockingCallCheck(StringRef Name, ClangTidyContext *Context)
    : LibraryAwareCheck(Name, Context),
      BlockingFunctions(
          Options.get("BlockingFunctions", DefaultBlockingFunctions), *this,
          "BlockingFunctions"),
      AllowedFunctions(Options.get("AllowedFunctions", ""), *this,
                       "AllowedFunctions"),
      BlockingStreamTypes(
          Options.get("BlockingStreamTypes", DefaultBlockingStreamTypes), *this,
          "BlockingStreamTypes"),
      NoExtraAwaitables(""), Facts(NoExtraAwaitables, Profiles) {}

void BlockingCallCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  LibraryAwareCheck::storeOptions(Opts);
  Options.store(Opts, "BlockingFunctions", BlockingFunctions.source());
  Options.store(Opts, "AllowedFunctions", AllowedFunctions.source());
  Options.store(Opts, "BlockingStreamTypes", BlockingStreamTypes.source());
}

void BlockingCallCheck::registerMatchers(MatchFinder *Finder) {
  // Only coroutine bodies are walked; a lambda inside one is a function of
  // its own, checked on its own when it is a coroutine.
  Functions = EnclosingFunctions::of(*Finder);
  Functions->onEachFunction(
      [this](const FunctionDecl &Function, ASTContext &Context) {
        if (isCoroutine(Function))
          checkCoroutine(Function, Context);
      });
}

void BlockingCallCheck::checkCoroutine(const FunctionDecl &Coroutine,
                                       ASTContext &Context) {
  if (Coroutine.isInvalidDecl() || !Coroutine.getBody())
    return;
  CoroutineScan Scan(Coroutine, Context, Profiles, *Functions);
  forEachOwnStatement(*Coroutine.getBody(), [&](const Stmt &S) {
    if (const auto *Call = dyn_cast<CallExpr>(&S))
      checkCall(*Call, Scan);
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S))
      checkStreamOpen(*Construct, Scan);
    else if (const auto *Block = dyn_cast<CompoundStmt>(&S))
      checkLocksHeldAcrossSuspension(*Block, Scan);
  });
}

const BlockingCallCheck::CalleeFacts &
BlockingCallCheck::factsOf(const NamedDecl &Callee,
                           const CXXRecordDecl *CalledOn) {
  if (CalledOn)
    CalledOn = CalledOn->getCanonicalDecl();
  const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
  if (!Method || Method->getParent()->getCanonicalDecl() == CalledOn)
    CalledOn = nullptr;
  auto [Entry, Inserted] =
      Callees.try_emplace({CalledOn, cast<NamedDecl>(Callee.getCanonicalDecl())});
  CalleeFacts &Facts = Entry->second;
  if (!Inserted)
    return Facts;
  Facts.Name = qualifiedName(Callee);
  std::string AsMember =
      CalledOn ? qualifiedName(*CalledOn) + "::" + Callee.getNameAsString()
               : std::string();
  auto Matches = [&](const NameList &List) {
    return List.matches(Callee) || (CalledOn && List.matches(Callee, AsMember));
  };
  Facts.Listed = Matches(BlockingFunctions);
  Facts.Allowed = Matches(AllowedFunctions);
  if (!Facts.Listed)
    Facts.Profiled = Profiles.blocking(Callee, CalledOn);
  if (CalledOn && !BlockingFunctions.matches(Callee))
    Facts.Name = AsMember;
  Facts.Instead = alternativeFor(Facts.Name);
  return Facts;
}

void BlockingCallCheck::checkCall(const CallExpr &Call, CoroutineScan &Scan) {
  const NamedDecl *Callee = calleeOf(Call);
  if (!Callee || Call.containsErrors())
    return;
  const Expr *Object = nullptr;
  const CXXRecordDecl *CalledOn = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    if ((Object = Member->getImplicitObjectArgument()))
      CalledOn = Object->IgnoreParenImpCasts()
                     ->getType()
                     ->getPointeeOrArrayElementType()
                     ->getAsCXXRecordDecl();
  const CalleeFacts &Facts = factsOf(*Callee, CalledOn);
  if (Facts.Allowed)
    return;
  const auto *Function = dyn_cast<FunctionDecl>(Callee);
  if ((Function && checkStreamIO(Call, Scan)) ||
      !(Facts.Listed || Facts.Profiled))
    return;
  // A function that gives back an awaitable is asynchronous whatever its
  // name (a coroutine of the user's called `connect`).
  if (this->Facts.classify(Call.getType()).IsAwaitable)
    return;
  if (Function && isFileDescriptorCall(*Function) &&
      Scan.treatsAsNonBlocking(Call))
    return;
  if (Facts.Listed) {
    report(Call, Scan, "call to '" + Facts.Name + "'",
           remedy(Facts.Instead, Scan));
    return;
  }
  const auto &[Library, Blocking] = *Facts.Profiled;
  const auto *Maker =
      Object ? dyn_cast<CallExpr>(ignoringMoves(Object)) : nullptr;
  if ((Blocking->When == BlockingWhen::NotKnownReady && Object &&
       ((Maker && Profiles.returnsReady(*Maker)) ||
        Scan.knownReady(*Object))) ||
      writtenArguments(Call) < Blocking->MinArguments)
    return;
  report(Call, Scan, "call to '" + Facts.Name + "'",
         blockingRemedy(*Blocking, Callee->getNameAsString(), *Library,
                        Profiles.remediesFor(Scan.Coroutine)));
}

llvm::StringRef BlockingCallCheck::remedy(Alternative Instead,
                                          CoroutineScan &Scan) {
  const Remedies &Remedy = remediesFor(Scan.Coroutine);
  switch (Instead) {
  case Alternative::Sleep:
    return Remedy.Sleep;
  case Alternative::Lock:
    return Remedy.Lock;
  case Alternative::Semaphore:
    return Remedy.Semaphore;
  case Alternative::Event:
    return Remedy.Event;
  case Alternative::Offload:
    return Remedy.Offload;
  }
  llvm_unreachable("unknown Alternative");
}

bool BlockingCallCheck::isBlockingStream(QualType Type) {
  Type = Type.getNonReferenceType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  Record = Record->getDefinition();
  auto [Entry, Inserted] = Streams.try_emplace(Record->getCanonicalDecl());
  bool &IsBlocking = Entry->second;
  if (Inserted) {
    IsBlocking = BlockingStreamTypes.matches(*Record);
    if (!IsBlocking)
      Record->forallBases([&](const CXXRecordDecl *Base) {
        IsBlocking = BlockingStreamTypes.matches(*Base);
        return !IsBlocking;
      });
  }
  return IsBlocking;
}

/// Names the stream as its type is written, e.g. `std::ifstream`.
static std::string describeStream(const Expr &Stream,
                                  const ASTContext &Context) {
  QualType Type = Stream.getType().getNonReferenceType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  return Type.getUnqualifiedType().getAsString(
      PrintingPolicy(Context.getLangOpts()));
}

bool BlockingCallCheck::checkStreamIO(const CallExpr &Call,
                                      CoroutineScan &Scan) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!isStreamIO(*Callee))
    return false;
  const Expr *Stream = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    Stream = Member->getImplicitObjectArgument();
  else if (Call.getNumArgs() > 0)
    // A free function or operator, or a member operator whose object is the
    // first argument.
    Stream = Call.getArg(0);
  if (!Stream)
    return false;
  Stream = Stream->IgnoreParenImpCasts();
  if (!isBlockingStream(Stream->getType()))
    return false;
  std::string Function =
      isa<CXXMethodDecl>(Callee) || Callee->isOverloadedOperator()
          ? Callee->getNameAsString()
          : qualifiedName(*Callee);
  report(Call, Scan,
         "file I/O '" + Function + "' on '" +
             describeStream(*Stream, Scan.Context) + "'",
         remedy(Alternative::Offload, Scan));
  return true;
}

void BlockingCallCheck::checkStreamOpen(const CXXConstructExpr &Construct,
                                        CoroutineScan &Scan) {
  const CXXConstructorDecl *Constructor = Construct.getConstructor();
  if (!Constructor || Construct.getNumArgs() == 0 ||
      Constructor->isCopyOrMoveConstructor() || Construct.containsErrors() ||
      isa<CXXDefaultArgExpr>(Construct.getArg(0)) ||
      !isBlockingStream(Construct.getType()) || factsOf(*Constructor).Allowed)
    return;
  report(Construct, Scan,
         "open of file stream '" + describeStream(Construct, Scan.Context) +
             "'",
         remedy(Alternative::Offload, Scan));
}

void BlockingCallCheck::checkLocksHeldAcrossSuspension(
    const CompoundStmt &Block, CoroutineScan &Scan) {
  for (auto Statement = Block.body_begin(); Statement != Block.body_end();
       ++Statement) {
    const auto *Declaration = dyn_cast<DeclStmt>(*Statement);
    if (!Declaration)
      continue;
    for (const Decl *D : Declaration->decls()) {
      const auto *Lock = dyn_cast<VarDecl>(D);
      const CXXConstructExpr *Construct =
          Lock && !Lock->isInvalidDecl() ? constructionOf(*Lock) : nullptr;
      if (!Construct || Construct->containsErrors() ||
          !locksOnConstruction(*Construct) ||
          factsOf(*Construct->getConstructor()).Allowed)
        continue;
      // A library's coroutine mutex, awaited by whoever else wants it.
      if (const CXXRecordDecl *Mutex = Construct->getArg(0)
                                           ->getType()
                                           .getNonReferenceType()
                                           ->getAsCXXRecordDecl();
          Mutex && Profiles.isAsyncLock(*Mutex))
        continue;
      // Follow the rest of the block in source order: an explicit unlock
      // (or handing the lock away) ends the hold, a lock() resumes it.
      bool Held = true;
      const Expr *Suspension = nullptr;
      for (auto Later = std::next(Statement);
           Later != Block.body_end() && !Suspension; ++Later)
        forEachOwnStatement(**Later, [&](const Stmt &S) {
          if (Suspension)
            return;
          if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
              Call && Call->getMethodDecl() &&
              Call->getMethodDecl()->getIdentifier() &&
              denotedVariable(*Call->getImplicitObjectArgument()) == Lock) {
            llvm::StringRef Method = Call->getMethodDecl()->getName();
            if (Method == "unlock" || Method == "release")
              Held = false;
            else if (Method.starts_with("lock") ||
                     Method.starts_with("try_lock"))
              Held = true;
          } else if (const auto *Call = dyn_cast<CallExpr>(&S);
                     Call && isMoveOrForward(*Call) &&
                     denotedVariable(*Call->getArg(0)) == Lock) {
            Held = false;
          } else if (Held && isSuspensionPoint(S) && !neverSuspends(S) &&
                     !releasesWhileSuspended(cast<Expr>(S), *Lock,
                                             *Construct->getArg(0))) {
            Suspension = cast<Expr>(&S);
          }
        });
      if (!Suspension)
        continue;
      const SourceManager &SM = Scan.Context.getSourceManager();
      std::optional<SourceLocation> Loc =
          Reported.firstEditable(Lock->getSourceRange(), SM);
      if (!Loc)
        continue;
      SourceLocation At =
          Lock->getLocation().isFileID() ? Lock->getLocation() : *Loc;
      diag(At, "lock %0 is held across a suspension point; a coroutine that "
               "locks the mutex meanwhile blocks the event loop thread, and "
               "deadlocks if it runs on the same thread")
          << Lock;
      diag(SM.getFileLoc(Suspension->getBeginLoc()),
           "suspends here with the mutex held", DiagnosticIDs::Note);
      note(At, remedy(Alternative::Lock, Scan));
    }
  }
}

bool BlockingCallCheck::releasesWhileSuspended(const Expr &Suspension,
                                               const VarDecl &Lock,
                                               const Expr &Mutex) {
  const auto *Await = dyn_cast<CoroutineSuspendExpr>(&Suspension);
  const auto *Wait = Await && Await->getOperand()
                         ? dyn_cast<CallExpr>(skipImplicitWrappers(
                               Await->getOperand()))
                         : nullptr;
  const FunctionDecl *Callee = Wait ? Wait->getDirectCallee() : nullptr;
  if (!Callee)
    return false;
  for (unsigned I = 0; I < Wait->getNumArgs(); ++I)
    if (Profiles.releasesWhileWaiting(*Callee, I) &&
        (denotedVariable(*Wait->getArg(I)) == &Lock ||
         isSameObject(*Wait->getArg(I), Mutex)))
      return true;
  return false;
}

void BlockingCallCheck::report(const Expr &At, CoroutineScan &Scan,
                               llvm::StringRef What, llvm::StringRef Instead) {
  if (Scan.runsOffloaded(At))
    return;
  std::optional<SourceLocation> Loc = Reported.firstEditable(
      At.getSourceRange(), Scan.Context.getSourceManager());
  if (!Loc)
    return;
  diag(*Loc, "blocking %0 in a coroutine stalls the event loop thread and "
             "every coroutine on it")
      << What;
  note(*Loc, Instead);
}

} // namespace clang::tidy::coroscope
