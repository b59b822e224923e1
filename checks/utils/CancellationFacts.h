//===--- CancellationFacts.h - what a cancellation exception is -*- C++ -*-===//
//
// Most coroutine libraries report cancellation by throwing an exception out of
// the suspension point. Which classes those are comes from the
// `CancellationExceptions` option and from the library profiles of the
// libraries the code uses; which handlers catch them follows from the
// language's handler matching (handlersReached), decided once for every
// check. The classes are found by name lookup, never by a walk of the
// translation unit (in clangd that would reach into the preamble).
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_CANCELLATIONFACTS_H
#define COROSCOPE_CHECKS_UTILS_CANCELLATIONFACTS_H

#include "utils/LibraryProfiles.h"
#include "utils/NameList.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <vector>

namespace clang::tidy::coroscope {

/// The default of every `CancellationExceptions` option: the coroscope
/// runtime's. The library profiles add each library's own.
inline constexpr llvm::StringLiteral DefaultCancellationExceptions =
    "coroscope::cancelled";

/// A class by which cancellation may reach a handler.
struct CancellationClass {
  const CXXRecordDecl *Class = nullptr;
  /// When the class carries error codes, the one that means cancellation
  /// (CancellationSignal::Code); empty when every object of it does.
  llvm::StringRef Code;
  /// CancellationSignal::StopsOnEnd.
  bool StopsOnEnd = false;
};

/// A handler of a `try` that a cancellation exception thrown in its block
/// reaches: the first handler that matches it.
struct CancellationReceiver {
  const CXXCatchStmt *Handler = nullptr;
  CancellationClass Exception;
};

/// The classes \p Name denotes among those the translation unit declares,
/// found by name lookup from the global namespace: a qualified class name,
/// or a regular expression (NameList) whose components before the first one
/// that is not a plain identifier name the namespace to search.
llvm::SmallVector<const CXXRecordDecl *, 1>
lookupClasses(ASTContext &Context, llvm::StringRef Name);

/// The cancellation classes of one translation unit. One instance belongs
/// to one check, which lives for one translation unit.
class CancellationExceptions {
public:
  /// \p Option, the value of \p Owner's option \p OptionName, is a list of
  /// class names, as NameList reads it; \p Profiles add the classes of the
  /// libraries in use.
  CancellationExceptions(llvm::StringRef Option, LibraryProfiles &Profiles,
                         const ClangTidyCheck &Owner,
                         llvm::StringRef OptionName);

  /// The option as the user wrote it, for storeOptions.
  llvm::StringRef source() const { return Source; }

  /// The handlers of \p Try, in \p Function, that receive a cancellation
  /// exception: for each class the first handler matching it. The classes
  /// are those the option lists, and those of the libraries whose API the
  /// try block or \p Function's coroutine type use, that the translation
  /// unit declares. A handler may appear more than once.
  llvm::SmallVector<CancellationReceiver, 2>
  receivers(const CXXTryStmt &Try, const FunctionDecl &Function,
            ASTContext &Context);

  /// True when cancellation can reach the handlers of a `try` whose block
  /// is \p TryBlock, in a coroutine: the block holds a suspension point
  /// (`co_await`, `co_yield`), where coroutine libraries deliver
  /// cancellation; a `throw` or `std::rethrow_exception`; or a call of a
  /// function that a library profile says throws it (cppcoro's
  /// `throw_if_cancellation_requested`). Bodies of lambdas defined in the
  /// block do not count. Synchronous code between suspension points does
  /// not observe the coroutine's cancellation.
  bool mayDeliver(const Stmt &TryBlock);

private:
  /// The declared classes of \p Signals, looked up once per unit.
  llvm::ArrayRef<CancellationClass>
  declared(const LibraryProfile &Library, ASTContext &Context);

  std::string Source;
  LibraryProfiles &Profiles;
  std::optional<std::vector<CancellationClass>> Listed;
  llvm::DenseMap<const LibraryProfile *, std::vector<CancellationClass>>
      ByLibrary;
};

/// True when \p Condition, inside a handler whose exception is \p Caught,
/// tests the exception's error code against \p Code (`e.code() ==
/// asio::error::operation_aborted`): true when it holding means the
/// exception is the cancellation, false when it means it is not,
/// std::nullopt when the condition tests something else.
std::optional<bool> testsCancellationCode(const Expr &Condition,
                                          const VarDecl &Caught,
                                          llvm::StringRef Code);

} // namespace clang::tidy::coroscope

#endif
