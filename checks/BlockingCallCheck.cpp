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

/// The runtime component that does what the blocking function does without
/// blocking, judged by its name so that user-listed functions get one too.
Alternative alternativeFor(llvm::StringRef Name) {
  if (Name.contains("sleep"))
    return Alternative::SleepFor;
  if (Name.starts_with("std::")) {
    if (Name.contains("mutex::") || Name.contains("_lock::"))
      return Alternative::AsyncMutex;
    if (Name.contains("semaphore::"))
      return Alternative::AsyncSemaphore;
    if (Name.contains("condition_variable") || Name.contains("latch::") ||
        Name.contains("barrier::"))
      return Alternative::Event;
  }
  return Alternative::RunBlocking;
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
  CoroutineScan(const FunctionDecl &Coroutine, ASTContext &Context)
      : Coroutine(Coroutine), Context(Context) {}

  const FunctionDecl &Coroutine;
  ASTContext &Context;

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

private:
  void collect() {
    Collected = true;
    llvm::SmallVector<const Stmt *, 4> Bodies{evidenceScope().getBody()};
    while (!Bodies.empty())
      forEachOwnStatement(*Bodies.pop_back_val(), [&](const Stmt &S) {
        if (const auto *Lambda = dyn_cast<LambdaExpr>(&S)) {
          Bodies.push_back(Lambda->getBody());
        } else if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(&S)) {
          if (const Expr *Operand = Suspend->getOperand())
            collectReferencedDecls(*Operand, AwaitedDecls);
        } else if (const auto *Dependent = dyn_cast<DependentCoawaitExpr>(&S)) {
          if (const Expr *Operand = Dependent->getOperand())
            collectReferencedDecls(*Operand, AwaitedDecls);
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

  bool Collected = false;
  bool HandlesWouldBlock = false;
  llvm::SmallPtrSet<const Decl *, 8> AwaitedDecls;
};

BlockingCallCheck::BlockingCallCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      BlockingFunctions(
          Options.get("BlockingFunctions", DefaultBlockingFunctions), *this,
          "BlockingFunctions"),
      AllowedFunctions(Options.get("AllowedFunctions", ""), *this,
                       "AllowedFunctions"),
      BlockingStreamTypes(
          Options.get("BlockingStreamTypes", DefaultBlockingStreamTypes), *this,
          "BlockingStreamTypes") {}

void BlockingCallCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
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
  CoroutineScan Scan(Coroutine, Context);
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
BlockingCallCheck::factsOf(const FunctionDecl &Callee,
                           const CXXRecordDecl *CalledOn) {
  if (CalledOn)
    CalledOn = CalledOn->getCanonicalDecl();
  const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
  if (!Method || Method->getParent()->getCanonicalDecl() == CalledOn)
    CalledOn = nullptr;
  auto [Entry, Inserted] =
      Callees.try_emplace({CalledOn, Callee.getCanonicalDecl()});
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
  if (CalledOn && !BlockingFunctions.matches(Callee))
    Facts.Name = AsMember;
  Facts.Instead = alternativeFor(Facts.Name);
  return Facts;
}

void BlockingCallCheck::checkCall(const CallExpr &Call, CoroutineScan &Scan) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || Call.containsErrors())
    return;
  const CXXRecordDecl *CalledOn = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    if (const Expr *Object = Member->getImplicitObjectArgument())
      CalledOn = Object->IgnoreParenImpCasts()
                     ->getType()
                     ->getPointeeOrArrayElementType()
                     ->getAsCXXRecordDecl();
  const CalleeFacts &Facts = factsOf(*Callee, CalledOn);
  if (Facts.Allowed)
    return;
  if (checkStreamIO(Call, Scan) || !Facts.Listed)
    return;
  if (isFileDescriptorCall(*Callee) && Scan.treatsAsNonBlocking(Call))
    return;
  report(Call, Scan, "call to '" + Facts.Name + "'", Facts.Instead);
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
         Alternative::RunBlocking);
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
         Alternative::RunBlocking);
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
          } else if (Held && isSuspensionPoint(S)) {
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
      diag(Lock->getLocation().isFileID() ? Lock->getLocation() : *Loc,
           "lock %0 is held across a suspension point; a coroutine that "
           "locks the mutex meanwhile blocks the event loop thread, and "
           "deadlocks if it runs on the same thread; lock a "
           "'coroscope::async_mutex' with 'co_await' instead")
          << Lock;
      diag(SM.getFileLoc(Suspension->getBeginLoc()),
           "suspends here with the mutex held", DiagnosticIDs::Note);
    }
  }
}

void BlockingCallCheck::report(const Expr &At, CoroutineScan &Scan,
                               llvm::StringRef What, Alternative Instead) {
  std::optional<SourceLocation> Loc = Reported.firstEditable(
      At.getSourceRange(), Scan.Context.getSourceManager());
  if (!Loc)
    return;
  diag(*Loc, "blocking %0 in a coroutine stalls the event loop thread and "
             "every coroutine on it; %select{use 'co_await "
             "coroscope::sleep_for' instead|lock a 'coroscope::async_mutex' "
             "with 'co_await' instead|acquire a 'coroscope::async_semaphore' "
             "with 'co_await' instead|wait for a 'coroscope::event' with "
             "'co_await' instead|offload it with 'co_await "
             "coroscope::run_blocking'}1")
      << What << static_cast<unsigned>(Instead);
}

} // namespace clang::tidy::coroscope
