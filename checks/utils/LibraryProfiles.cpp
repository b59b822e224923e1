//===--- LibraryProfiles.cpp ----------------------------------------------===//

#include "utils/LibraryProfiles.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "utils/FunctionBody.h"
#include "utils/profiles/Profiles.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"

namespace clang::tidy::coroscope {

llvm::ArrayRef<const LibraryProfile *> allLibraryProfiles() {
  static const LibraryProfile *const Profiles[] = {
      &profiles::Coroscope, &profiles::Asio,    &profiles::BoostAsio,
      &profiles::Cobalt,    &profiles::Folly,   &profiles::Seastar,
      &profiles::QCoro,     &profiles::Cppcoro, &profiles::Libcoro,
      &profiles::Concurrencpp, &profiles::AsyncSimple, &profiles::Stdexec};
  return Profiles;
}

std::string defaultLibraryProfiles() {
  std::string Names;
  for (const LibraryProfile *Profile : allLibraryProfiles())
    Names += (Names.empty() ? "" : ";") + Profile->Name.str();
  return Names;
}

const Remedies &neutralRemedies() {
  static const Remedies Neutral{
      /*Sleep=*/"await your coroutine library's timer instead of sleeping "
                "the thread",
      /*Lock=*/"use your coroutine library's async mutex, whose lock is "
               "awaited, or keep the locked section free of suspension "
               "points",
      /*Semaphore=*/"await your coroutine library's semaphore instead",
      /*Event=*/"await your coroutine library's event instead",
      /*Offload=*/"run the blocking work on a thread pool and await its "
                  "completion",
      /*Cancellation=*/"rethrow the cancellation on every path ('throw;' or "
                       "'std::rethrow_exception'); cleanup that must also "
                       "run on cancellation belongs in an RAII guard",
      /*Cleanup=*/"guard the cleanup with its own handler, so that the "
                  "original exception is the one rethrown",
      /*AsyncCleanup=*/"await the asynchronous cleanup in a coroutine "
                       "before the object is destroyed",
      /*Guard=*/"hold it in an RAII guard that releases it in its "
                "destructor",
      /*Detach=*/"to run it in the background on purpose, hand it to your "
                 "library's way of spawning detached work, which reports its "
                 "errors"};
  return Neutral;
}

std::string blockingRemedy(const BlockingCall &Call, llvm::StringRef Name,
                           const LibraryProfile &Callee,
                           const LibraryProfile *Caller) {
  llvm::StringRef Token = Caller && !Caller->Remedy.CompletionToken.empty()
                              ? Caller->Remedy.CompletionToken
                              : Callee.Remedy.CompletionToken;
  std::string Text = Call.Instead.str();
  for (auto [Placeholder, Value] :
       {std::pair<llvm::StringRef, llvm::StringRef>("{name}", Name),
        std::pair<llvm::StringRef, llvm::StringRef>("{token}", Token)})
    for (size_t At = Text.find(Placeholder); At != std::string::npos;
         At = Text.find(Placeholder, At + Value.size()))
      Text.replace(At, Placeholder.size(), Value.str());
  return Text;
}

namespace {

/// Splits `scope::a|b` into the NameList entry `scope::(a|b)` and the plain
/// names `a` and `b` (regex escapes removed, `operator\(\)` is
/// `operator()`).
std::pair<std::string, llvm::SmallVector<std::string, 4>>
splitFunctions(llvm::StringRef Qualifier, llvm::StringRef Functions) {
  size_t Scope = Functions.rfind("::");
  llvm::StringRef Names =
      Scope == llvm::StringRef::npos ? Functions : Functions.drop_front(Scope + 2);
  std::string Entry = Qualifier.str();
  if (Scope != llvm::StringRef::npos)
    Entry += Functions.take_front(Scope + 2).str();
  Entry += "(" + Names.str() + ")";
  llvm::SmallVector<std::string, 4> Plain;
  llvm::SmallVector<llvm::StringRef, 4> Alternatives;
  Names.split(Alternatives, '|');
  for (llvm::StringRef Name : Alternatives) {
    std::string Unescaped;
    for (char C : Name)
      if (C != '\\')
        Unescaped += C;
    Plain.push_back(Unescaped);
  }
  return {Entry, Plain};
}

/// The plain name by which the indexes know \p Function; \p Buffer holds
/// it when it is no identifier (`operator co_await`). Asked for every call
/// a check looks at, so an identifier costs no copy.
llvm::StringRef plainName(const NamedDecl &Function,
                          llvm::SmallString<32> &Buffer) {
  if (const IdentifierInfo *Identifier = Function.getIdentifier())
    return Identifier->getName();
  Buffer = Function.getDeclName().getAsString();
  return Buffer;
}

/// The namespace path of \p D's innermost enclosing namespace, as
/// qualifiedName writes it; empty at global scope.
const DeclContext *enclosingNamespace(const Decl &D) {
  const DeclContext *Context = D.getDeclContext();
  while (Context && !Context->isFileContext())
    Context = Context->getParent();
  return Context;
}

const CXXRecordDecl *recordNamedBy(QualType Type) {
  if (Type.isNull())
    return nullptr;
  Type = Type.getNonReferenceType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  return Type->getAsCXXRecordDecl();
}

} // namespace

template <typename Row>
void LibraryProfiles::add(Index<Row> &Table, const LibraryProfile &Library,
                          const Row &Fact, llvm::StringRef Functions) {
  auto [Entry, Names] = splitFunctions(Library.Qualifier, Functions);
  auto Compiled = std::make_shared<const NameList>(Entry);
  for (const std::string &Name : Names)
    Table[Name].push_back({&Library, &Fact, Compiled});
}

template <typename Row>
const LibraryProfiles::Entry<Row> *
LibraryProfiles::find(const Index<Row> &Table, const NamedDecl &Callee,
                      const CXXRecordDecl *CalledOn) const {
  llvm::SmallString<32> Buffer;
  llvm::StringRef Name = plainName(Callee, Buffer);
  auto Found = Table.find(Name);
  if (Found == Table.end())
    return nullptr;
  std::string AsMember =
      CalledOn ? qualifiedName(*CalledOn) + "::" + Name.str() : "";
  for (const Entry<Row> &Candidate : Found->second)
    if (Candidate.Names->matches(Callee) ||
        (CalledOn && Candidate.Names->matches(Callee, AsMember)))
      return &Candidate;
  return nullptr;
}

LibraryProfiles::LibraryProfiles(llvm::StringRef Option)
    : Source(Option.str()) {
  for (llvm::StringRef Name : utils::options::parseStringList(Source)) {
    Name = Name.trim();
    if (Name.empty())
      continue;
    const LibraryProfile *const *Known =
        llvm::find_if(allLibraryProfiles(), [&](const LibraryProfile *P) {
          return P->Name == Name;
        });
    if (Known == allLibraryProfiles().end())
      Unknown.push_back(Name.str());
    else if (!llvm::is_contained(Enabled, *Known))
      Enabled.push_back(*Known);
  }
  for (const LibraryProfile *Library : Enabled) {
    llvm::SmallVector<llvm::StringRef, 4> Prefixes;
    Library->Namespaces.split(Prefixes, ';', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef Prefix : Prefixes)
      Namespaces.emplace_back(Prefix.str(), Library);
    for (const BlockingCall &Call : Library->Blocking)
      add(BlockingCalls, *Library, Call, Call.Functions);
    for (const ReleasingWait &Wait : Library->ReleasingWaits)
      add(ReleasingWaits, *Library, Wait, Wait.Functions);
    for (const AsyncLock &Lock : Library->Locks) {
      add(Acquires, *Library, Lock, (Lock.Class + "::" + Lock.Acquire).str());
      add(Releases, *Library, Lock, (Lock.Class + "::" + Lock.Release).str());
      add(LockClasses, *Library, Lock, Lock.Class);
    }
    for (const JoinScope &Scope : Library->Scopes) {
      add(Spawns, *Library, Scope, (Scope.Class + "::" + Scope.Spawn).str());
      add(Joins, *Library, Scope, (Scope.Class + "::" + Scope.Join).str());
    }
    for (const CancellationSignal &Signal : Library->Cancellation)
      if (!Signal.Raisers.empty())
        add(Raisers, *Library, Signal, Signal.Raisers);
    for (const TaskType &Task : Library->Tasks)
      add(Tasks, *Library, Task, Task.Class);
    if (!Library->Offloads.empty())
      add(Offloads, *Library, *Library, Library->Offloads);
    if (!Library->PromiseResults.empty())
      add(PromiseResults, *Library, *Library, Library->PromiseResults);
    if (!Library->OffloadTags.empty())
      add(OffloadTags, *Library, *Library, Library->OffloadTags);
    if (!Library->ReadyResults.empty())
      add(ReadyResults, *Library, *Library, Library->ReadyResults);
    for (const DetachCall &Detach : Library->Detaches)
      add(Detaches, *Library, Detach, Detach.Functions);
  }
  llvm::sort(Namespaces, [](const auto &A, const auto &B) {
    return std::pair(A.first.size(), llvm::StringRef(B.first)) >
           std::pair(B.first.size(), llvm::StringRef(A.first));
  });
}

LibraryProfiles::~LibraryProfiles() = default;

const LibraryProfile *LibraryProfiles::libraryOf(const Decl &D) {
  const DeclContext *Namespace = enclosingNamespace(D);
  if (!Namespace)
    return nullptr;
  auto [Entry, Inserted] = ByNamespace.try_emplace(Namespace, nullptr);
  if (!Inserted)
    return Entry->second;
  const auto *Named = dyn_cast<NamedDecl>(Namespace);
  if (!Named)
    return nullptr;
  std::string Name = qualifiedName(*Named);
  for (const auto &[Prefix, Library] : Namespaces)
    if (llvm::StringRef(Name).starts_with(Prefix) &&
        (Name.size() == Prefix.size() ||
         llvm::StringRef(Name).drop_front(Prefix.size()).starts_with("::")))
      return Entry->second = Library;
  return nullptr;
}

const LibraryProfile *LibraryProfiles::libraryOf(QualType Type) {
  const CXXRecordDecl *Record = recordNamedBy(Type);
  return Record ? libraryOf(*Record) : nullptr;
}

const LibraryProfile *
LibraryProfiles::remediesFor(const FunctionDecl &Function) {
  auto [Entry, Inserted] = ByFunction.try_emplace(&Function, nullptr);
  if (!Inserted)
    return Entry->second;
  if (const LibraryProfile *Library = libraryOf(Function.getReturnType()))
    return Entry->second = Library;
  if (const Stmt *Body = Function.getBody()) {
    const LibraryProfile *Found = nullptr;
    const LibraryProfile *Called = nullptr;
    forEachOwnStatement(*Body, [&](const Stmt &S) {
      if (const auto *Await = dyn_cast<CoroutineSuspendExpr>(&S);
          !Found && Await && Await->getOperand())
        Found = libraryOf(Await->getOperand()->getType());
      else if (const auto *Call = dyn_cast<CallExpr>(&S);
               !Called && Call && Call->getDirectCallee())
        Called = libraryOf(*Call->getDirectCallee());
    });
    Entry->second = Found ? Found : Called;
  }
  return Entry->second;
}

llvm::SmallVector<const LibraryProfile *, 2>
LibraryProfiles::librariesUsedIn(const Stmt &Root) {
  llvm::SmallVector<const LibraryProfile *, 2> Used;
  auto Note = [&](const LibraryProfile *Library) {
    if (Library && !llvm::is_contained(Used, Library))
      Used.push_back(Library);
  };
  forEachOwnStatement(Root, [&](const Stmt &S) {
    if (const auto *Await = dyn_cast<CoroutineSuspendExpr>(&S)) {
      if (const Expr *Operand = Await->getOperand())
        Note(libraryOf(Operand->getType()));
    } else if (const auto *Call = dyn_cast<CallExpr>(&S)) {
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        Note(libraryOf(*Callee));
    }
  });
  return Used;
}

std::optional<LibraryProfiles::Blocking>
LibraryProfiles::blocking(const NamedDecl &Callee,
                          const CXXRecordDecl *CalledOn) {
  if (const auto *Found = find(BlockingCalls, Callee, CalledOn))
    return Blocking{Found->Library, Found->Fact};
  return std::nullopt;
}

bool LibraryProfiles::releasesWhileWaiting(const FunctionDecl &Callee,
                                           unsigned Argument) {
  const auto *Found = find(ReleasingWaits, Callee);
  return Found && Found->Fact->LockArgument == Argument;
}

std::optional<LibraryProfiles::Lock>
LibraryProfiles::acquires(const FunctionDecl &Callee) {
  if (const auto *Found = find(Acquires, Callee))
    return Lock{Found->Library, Found->Fact};
  return std::nullopt;
}

bool LibraryProfiles::releases(const AsyncLock &Pair,
                               const FunctionDecl &Callee) {
  llvm::SmallString<32> Buffer;
  auto Found = Releases.find(plainName(Callee, Buffer));
  return Found != Releases.end() &&
         llvm::any_of(Found->second, [&](const Entry<AsyncLock> &Candidate) {
           return Candidate.Fact == &Pair && Candidate.Names->matches(Callee);
         });
}

bool LibraryProfiles::isAsyncLock(const CXXRecordDecl &Class) {
  if (!find(LockClasses, Class) || !Class.hasDefinition())
    return false;
  // A thread lock a library lists for its pairs (Qt's QMutex), or one that
  // also locks by spinning (async_simple's SpinLock), is what a standard
  // lock owner calls `lock()` on (QMutex inherits it): a blocking call.
  auto LocksByBlocking = [&](const CXXRecordDecl *Record) {
    for (llvm::StringRef Member : {"lock", "lock_shared"})
      for (const NamedDecl *Found :
           Record->lookup(&Class.getASTContext().Idents.get(Member)))
        if (blocking(*Found, &Class))
          return true;
    return false;
  };
  const CXXRecordDecl *Definition = Class.getDefinition();
  return !LocksByBlocking(Definition) &&
         Definition->forallBases(
             [&](const CXXRecordDecl *Base) { return !LocksByBlocking(Base); });
}

std::optional<LibraryProfiles::Scope>
LibraryProfiles::spawns(const FunctionDecl &Callee) {
  if (const auto *Found = find(Spawns, Callee))
    return Scope{Found->Library, Found->Fact};
  return std::nullopt;
}

bool LibraryProfiles::joins(const JoinScope &Kind, const FunctionDecl &Callee) {
  llvm::SmallString<32> Buffer;
  auto Found = Joins.find(plainName(Callee, Buffer));
  return Found != Joins.end() &&
         llvm::any_of(Found->second, [&](const Entry<JoinScope> &Candidate) {
           return Candidate.Fact == &Kind && Candidate.Names->matches(Callee);
         });
}

bool LibraryProfiles::joinsAScope(const FunctionDecl &Callee) {
  return find(Joins, Callee) != nullptr;
}

std::optional<LibraryProfiles::Task>
LibraryProfiles::taskType(const CXXRecordDecl &Record) {
  if (!Record.getIdentifier())
    return std::nullopt;
  auto Found = Tasks.find(Record.getName());
  if (Found == Tasks.end())
    return std::nullopt;
  for (const Entry<TaskType> &Candidate : Found->second)
    if (Candidate.Names->matches(Record))
      return Task{Candidate.Library, Candidate.Fact};
  return std::nullopt;
}

llvm::ArrayRef<CancellationSignal>
LibraryProfiles::cancellation(const LibraryProfile &Library) const {
  if (!llvm::is_contained(Enabled, &Library))
    return {};
  return Library.Cancellation;
}

bool LibraryProfiles::raisesCancellation(const FunctionDecl &Callee) {
  return find(Raisers, Callee) != nullptr;
}

bool LibraryProfiles::offloads(const NamedDecl &Callee) {
  return find(Offloads, Callee) != nullptr;
}

bool LibraryProfiles::startsOffloaded(const FunctionDecl &Coroutine) {
  const CXXRecordDecl *Tag =
      Coroutine.getNumParams() > 0
          ? Coroutine.getParamDecl(0)->getType()->getAsCXXRecordDecl()
          : nullptr;
  return Tag && find(OffloadTags, *Tag) != nullptr;
}

bool LibraryProfiles::readsPromise(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Callee && find(PromiseResults, *Callee) != nullptr;
}

bool LibraryProfiles::returnsReady(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Callee && find(ReadyResults, *Callee) != nullptr;
}

bool LibraryProfiles::detaches(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  const auto *Found = Callee ? find(Detaches, *Callee) : nullptr;
  return Found && writtenArguments(Call) >= Found->Fact->MinArguments;
}

unsigned writtenArguments(const CallExpr &Call) {
  return llvm::count_if(Call.arguments(), [](const Expr *Argument) {
    return !isa<CXXDefaultArgExpr>(Argument);
  });
}

} // namespace clang::tidy::coroscope
