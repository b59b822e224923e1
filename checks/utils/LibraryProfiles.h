//===--- LibraryProfiles.h - what each coroutine library means --*- C++ -*-===//
//
// The checks recognise awaitables, tasks and handlers by their structure, so
// they work on any coroutine library. What structure cannot tell is library
// knowledge: which calls block, how cancellation arrives, which calls
// acquire and release, which scopes must be joined, which tasks are eager,
// and what the library's own remedy is. Each library has a profile: tables
// of qualified names to facts, in the manner of the Clang Static Analyzer's
// CallDescriptionMap, one file per library under profiles/. This header
// declares the tables' rows and LibraryProfiles, which every check asks.
//
// A fact applies where the code calls or names that library's API; a remedy
// is written in the terms of the library whose coroutines a function is
// made of (remediesFor), so that a note never sends the user to another
// library. Profiles come on top of the checks' option lists; the
// LibraryProfiles option switches them off one by one.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_LIBRARYPROFILES_H
#define COROSCOPE_CHECKS_UTILS_LIBRARYPROFILES_H

#include "utils/CoroutineFacts.h"
#include "utils/NameList.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::coroscope {

/// When a listed blocking call blocks.
enum class BlockingWhen : unsigned char {
  Always,
  /// Unless the object it is called on is known to be ready: a future that a
  /// `co_await` produced (of `when_all` or `as_future`), or that was awaited
  /// or asked whether it is ready before (Seastar's `future::get`).
  NotKnownReady,
};

/// A call that blocks the thread, and the library's awaitable alternative.
/// Functions is `scope::name`, where name may list alternatives with `|`
/// (`asio::io_context::run|run_one`); the scope is a namespace or the class
/// that declares the member, as NameList matches it. A name may also be a
/// variable holding a function object (`folly::coro::blockingWait`).
struct BlockingCall {
  llvm::StringLiteral Functions;
  /// What to write instead, for the note. `{name}` stands for the name
  /// called, `{token}` for the completion token of the library whose
  /// coroutine makes the call.
  llvm::StringLiteral Instead;
  BlockingWhen When = BlockingWhen::Always;
  /// It blocks only when called with at least this many arguments written
  /// out (`QMutex::tryLock(timeout)` waits; `tryLock()` does not).
  unsigned MinArguments = 0;
};

/// An exception by which the library reports cancellation.
struct CancellationSignal {
  /// The class, as NameList names it.
  llvm::StringLiteral Exception;
  /// When the class carries an error code and one code means cancellation
  /// (asio's `system_error` with `operation_aborted`): that code. Such a
  /// class is also thrown for other errors, so a handler swallows
  /// cancellation only where the coroutine goes on to another suspension
  /// point, and not where it rethrows when the code is this one.
  llvm::StringLiteral Code = "";
  /// The functions that throw it where no suspension point is, as
  /// BlockingCall::Functions (cppcoro's `throw_if_cancellation_requested`).
  llvm::StringLiteral Raisers = "";
  /// True when it is raised only where the code passed a token that the
  /// party asking for the stop holds (cppcoro): a handler that lets the
  /// coroutine end, joining its scopes on the way, stops as asked, and only
  /// one after which the coroutine goes on to other suspension points
  /// swallows it.
  bool StopsOnEnd = false;
};

/// An acquire/release pair of a library's lock, semaphore or gate, and its
/// RAII form. Acquire and Release are members of Class.
struct AsyncLock {
  llvm::StringLiteral Class;
  llvm::StringLiteral Acquire;
  llvm::StringLiteral Release;
  /// The RAII form, for the note.
  llvm::StringLiteral Guard;
};

/// A wait that releases a lock while it is suspended and takes it again
/// before it resumes: holding the lock across it is the documented pattern.
struct ReleasingWait {
  /// As BlockingCall::Functions.
  llvm::StringLiteral Functions;
  /// The argument that is the lock (or the guard holding it).
  unsigned LockArgument;
};

/// What awaiting a finished single-use awaitable again does.
enum class AwaitAgain : unsigned char {
  /// As its structure says (CoroutineFacts).
  Structural,
  /// It fails: Fails says how.
  Fails,
  /// It completes again, with the value the first await moved out.
  MovedFrom,
  /// It completes again with the same result, or is meant to be awaited
  /// repeatedly (a generator).
  Fine,
};

/// A call whose result, discarded, detaches work on purpose, its errors
/// handled when it has at least MinArguments arguments written out.
struct DetachCall {
  /// As BlockingCall::Functions.
  llvm::StringLiteral Functions;
  unsigned MinArguments = 0;
};

/// A task or awaitable type whose nature structure cannot tell.
struct TaskType {
  /// The class, as NameList names it (templates without arguments).
  llvm::StringLiteral Class;
  /// Lazy, eager, or NotATask for an awaitable that is no coroutine type;
  /// Unknown leaves it to the structure.
  TaskStart Start;
  AwaitAgain Again = AwaitAgain::Structural;
  /// For AwaitAgain::Fails: what happens, e.g. "throws 'std::logic_error'".
  llvm::StringLiteral Fails = "";
  /// How to let it run without awaiting it, on purpose (eager tasks).
  llvm::StringLiteral Detach = "";
  /// What dropping it unawaited does, when that is not what the kind of
  /// task implies (a Boost.Cobalt promise destroyed still attached is
  /// cancelled, not left running).
  llvm::StringLiteral Dropped = "";
};

/// A scope that work is spawned into and that must be joined, by awaiting
/// Join, before it is destroyed.
struct JoinScope {
  llvm::StringLiteral Class;
  /// Members that spawn work into it, `|`-separated.
  llvm::StringLiteral Spawn;
  /// Members whose awaited result joins it, `|`-separated.
  llvm::StringLiteral Join;
  /// What destroying it unjoined does, for the warning.
  llvm::StringLiteral Unjoined;
  /// The note's remedy.
  llvm::StringLiteral Instead;
};

/// A library's remedies for what the checks find, each a sentence of the
/// note, in the library's terms.
struct Remedies {
  /// Instead of sleeping the thread.
  llvm::StringLiteral Sleep;
  /// Instead of a blocking mutex.
  llvm::StringLiteral Lock;
  /// Instead of a blocking semaphore.
  llvm::StringLiteral Semaphore;
  /// Instead of a blocking condition variable, latch or barrier.
  llvm::StringLiteral Event;
  /// For blocking work that has no awaitable form.
  llvm::StringLiteral Offload;
  /// How to rethrow cancellation, and where cleanup that must also run on
  /// cancellation belongs.
  llvm::StringLiteral Cancellation;
  /// How to keep the original exception when cleanup may throw.
  llvm::StringLiteral Cleanup;
  /// Where asynchronous cleanup belongs, which a destructor cannot await.
  llvm::StringLiteral AsyncCleanup;
  /// How to hold a resource across suspension points so that it is
  /// released on every path, when the pair has no RAII form of its own.
  llvm::StringLiteral Guard;
  /// How to detach work on purpose.
  llvm::StringLiteral Detach;
  /// The completion token that makes an asynchronous operation awaitable
  /// in the library's coroutines, for `{token}`; empty when it has none.
  llvm::StringLiteral CompletionToken = "";
};

struct LibraryProfile {
  /// As the LibraryProfiles option names it.
  llvm::StringLiteral Name;
  /// The namespaces whose declarations belong to the library,
  /// `;`-separated; the longest that encloses a declaration decides.
  llvm::StringLiteral Namespaces;
  /// Prepended to every name in the tables but Cancellation, so that two
  /// spellings of one library (asio and Boost.Asio) share their tables.
  llvm::StringLiteral Qualifier;
  Remedies Remedy;
  llvm::ArrayRef<BlockingCall> Blocking;
  llvm::ArrayRef<CancellationSignal> Cancellation;
  llvm::ArrayRef<AsyncLock> Locks;
  llvm::ArrayRef<ReleasingWait> ReleasingWaits;
  llvm::ArrayRef<TaskType> Tasks;
  llvm::ArrayRef<JoinScope> Scopes;
  /// The calls whose awaited result moves the coroutine onto a thread pool,
  /// after which blocking is the point (`co_await pool.schedule();`), as
  /// BlockingCall::Functions; empty when the library has none.
  llvm::StringLiteral Offloads = "";
  /// The calls whose result, discarded, detaches work on purpose with its
  /// errors handled (QCoro's `task.then(onValue, onError)`).
  llvm::ArrayRef<DetachCall> Detaches = {};
  /// The calls whose task-typed result is the reading end of a promise that
  /// other code sets, not a coroutine that runs (concurrencpp's
  /// `result_promise::get_result`): dropping it detaches and loses nothing.
  /// As BlockingCall::Functions; empty when the library has none.
  llvm::StringLiteral PromiseResults = "";
  /// The classes that, as a coroutine's first parameter, start it on the
  /// executor passed after them, as an offload at its start would
  /// (concurrencpp's `executor_tag`); as BlockingCall::Functions.
  llvm::StringLiteral OffloadTags = "";
  /// The calls whose result is complete when they return (Seastar's
  /// `make_ready_future`), on which a BlockingWhen::NotKnownReady call does
  /// not wait; as BlockingCall::Functions.
  llvm::StringLiteral ReadyResults = "";
};

/// Every profile, in the order the LibraryProfiles option lists them.
llvm::ArrayRef<const LibraryProfile *> allLibraryProfiles();

/// The default of every LibraryProfiles option: every profile's name.
std::string defaultLibraryProfiles();

/// The remedies where no library is known: neutral hints that name no
/// library's API.
const Remedies &neutralRemedies();

/// What the enabled profiles say about the code of one translation unit.
/// One instance belongs to one check, which lives for one translation unit;
/// answers are cached per declaration.
class LibraryProfiles {
public:
  /// \p Option names the profiles to apply (`;`-separated); names it does
  /// not know are collected in unknownNames().
  explicit LibraryProfiles(llvm::StringRef Option);
  ~LibraryProfiles();

  /// The option as the user wrote it, for storeOptions.
  llvm::StringRef source() const { return Source; }
  llvm::ArrayRef<std::string> unknownNames() const { return Unknown; }

  /// The enabled library \p D is declared in, by its namespace; null when
  /// none.
  const LibraryProfile *libraryOf(const Decl &D);
  /// The library of the class \p Type names, through references, pointers
  /// and aliases; null when none.
  const LibraryProfile *libraryOf(QualType Type);

  /// The library whose terms the notes about code in \p Function use: the
  /// library of its coroutine type, else of the first operand it awaits
  /// that belongs to one, else of the first function it calls that does;
  /// null when none does.
  const LibraryProfile *remediesFor(const FunctionDecl &Function);

  /// The libraries whose API the statements under \p Root use, in order of
  /// first use: those of the operands they await and of the functions they
  /// call.
  llvm::SmallVector<const LibraryProfile *, 2> librariesUsedIn(const Stmt &Root);

  struct Blocking {
    const LibraryProfile *Library;
    const BlockingCall *Call;
  };
  /// The blocking entry point \p Callee is, a function called on an object
  /// of class \p CalledOn (for a member inherited from a base) or a
  /// variable holding a function object; std::nullopt when it is none.
  std::optional<Blocking> blocking(const NamedDecl &Callee,
                                   const CXXRecordDecl *CalledOn);

  /// True when \p Callee is a wait that releases the lock passed as
  /// argument \p Argument while suspended.
  bool releasesWhileWaiting(const FunctionDecl &Callee, unsigned Argument);

  struct Lock {
    const LibraryProfile *Library;
    const AsyncLock *Pair;
  };
  /// The library lock pair whose acquire \p Callee is.
  std::optional<Lock> acquires(const FunctionDecl &Callee);
  /// The release of the pair \p Pair whose acquire was called.
  bool releases(const AsyncLock &Pair, const FunctionDecl &Callee);
  /// True for a library's coroutine lock class: held across a suspension
  /// point (in a `std::unique_lock`, as `co_scoped_lock()` gives it), it
  /// blocks no thread, since the others wait for it by awaiting. Not a
  /// class whose `lock()` a profile lists as blocking.
  bool isAsyncLock(const CXXRecordDecl &Class);

  struct Scope {
    const LibraryProfile *Library;
    const JoinScope *Kind;
  };
  /// The join scope whose spawn member \p Callee is.
  std::optional<Scope> spawns(const FunctionDecl &Callee);
  /// True when \p Callee joins a scope of kind \p Kind.
  bool joins(const JoinScope &Kind, const FunctionDecl &Callee);
  /// True when \p Callee joins a scope of any kind.
  bool joinsAScope(const FunctionDecl &Callee);

  struct Task {
    const LibraryProfile *Library;
    const TaskType *Type;
  };
  /// What a profile says about the task or awaitable class \p Record.
  std::optional<Task> taskType(const CXXRecordDecl &Record);

  /// The cancellation signals of \p Library, when enabled.
  llvm::ArrayRef<CancellationSignal>
  cancellation(const LibraryProfile &Library) const;
  /// True when \p Callee throws a library's cancellation synchronously.
  bool raisesCancellation(const FunctionDecl &Callee);
  /// True when awaiting the result of calling \p Callee (a function or a
  /// variable holding a function object) moves the coroutine onto a thread
  /// pool.
  bool offloads(const NamedDecl &Callee);
  /// True when \p Coroutine's first parameter starts it on a thread pool.
  bool startsOffloaded(const FunctionDecl &Coroutine);
  /// True when discarding the result of \p Call detaches work on purpose.
  bool detaches(const CallExpr &Call);
  /// True when \p Call's result is the reading end of a promise, which no
  /// coroutine runs behind.
  bool readsPromise(const CallExpr &Call);
  /// True when \p Call's result is complete when it returns.
  bool returnsReady(const CallExpr &Call);

private:
  /// One row of a table, with the NameList that its names compile to,
  /// shared by the entries of each of those names.
  template <typename Row> struct Entry {
    const LibraryProfile *Library;
    const Row *Fact;
    std::shared_ptr<const NameList> Names;
  };
  /// Rows by the plain names of the functions they list: a call asks only
  /// the rows that name its callee's identifier.
  template <typename Row> using Index = llvm::StringMap<std::vector<Entry<Row>>>;

  template <typename Row>
  static void add(Index<Row> &Table, const LibraryProfile &Library,
                  const Row &Fact, llvm::StringRef Functions);
  template <typename Row>
  const Entry<Row> *find(const Index<Row> &Table, const NamedDecl &Callee,
                         const CXXRecordDecl *CalledOn = nullptr) const;

  std::string Source;
  std::vector<std::string> Unknown;
  std::vector<const LibraryProfile *> Enabled;
  /// Namespace prefixes, longest first, with their libraries.
  std::vector<std::pair<std::string, const LibraryProfile *>> Namespaces;
  Index<BlockingCall> BlockingCalls;
  Index<ReleasingWait> ReleasingWaits;
  Index<AsyncLock> Acquires;
  Index<AsyncLock> Releases;
  Index<AsyncLock> LockClasses;
  Index<JoinScope> Spawns;
  Index<JoinScope> Joins;
  Index<CancellationSignal> Raisers;
  Index<LibraryProfile> Offloads;
  Index<LibraryProfile> PromiseResults;
  Index<LibraryProfile> ReadyResults;
  Index<LibraryProfile> OffloadTags;
  Index<DetachCall> Detaches;
  Index<TaskType> Tasks;
  llvm::DenseMap<const DeclContext *, const LibraryProfile *> ByNamespace;
  llvm::DenseMap<const FunctionDecl *, const LibraryProfile *> ByFunction;
};

/// The arguments of \p Call written out, default arguments left out.
unsigned writtenArguments(const CallExpr &Call);

/// The note's remedy for a blocking call of \p Name, with `{name}` replaced
/// by it and `{token}` by the completion token of \p Caller (the library
/// whose coroutine makes the call), or of \p Callee's library when the
/// caller's has none.
std::string blockingRemedy(const BlockingCall &Call, llvm::StringRef Name,
                           const LibraryProfile &Callee,
                           const LibraryProfile *Caller);

} // namespace clang::tidy::coroscope

#endif
