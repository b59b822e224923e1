//===--- CancellationFacts.h - what a cancellation exception is -*- C++ -*-===//
//
// Most coroutine libraries report cancellation by throwing an exception out of
// the suspension point. Which types those are is an option
// (`CancellationExceptions`); which handlers catch them follows from the
// language's handler matching, decided here once for every check.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_CANCELLATIONFACTS_H
#define COROSCOPE_CHECKS_UTILS_CANCELLATIONFACTS_H

#include "utils/NameList.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallVector.h"
#include <deque>
#include <optional>
#include <vector>

namespace clang::tidy::coroscope {

/// The default of every `CancellationExceptions` option.
inline constexpr llvm::StringLiteral DefaultCancellationExceptions =
    "coroscope::cancelled;folly::OperationCancelled;"
    "cppcoro::operation_cancelled";

/// A handler of a `try` that a cancellation exception thrown in its block
/// reaches: the first handler that matches it.
struct CancellationReceiver {
  const CXXCatchStmt *Handler = nullptr;
  const CXXRecordDecl *Exception = nullptr;
};

/// The cancellation exceptions of one translation unit. One instance belongs
/// to one check, which lives for one translation unit.
class CancellationExceptions {
public:
  /// \p Option, the value of \p Owner's option \p OptionName, is a list of
  /// class names, as NameList reads it.
  CancellationExceptions(llvm::StringRef Option, const ClangTidyCheck &Owner,
                         llvm::StringRef OptionName);

  /// The option as the user wrote it, for storeOptions.
  llvm::StringRef source() const { return Source; }

  /// The listed classes the translation unit declares, in the order of the
  /// list. Computed once, on first use.
  llvm::ArrayRef<const CXXRecordDecl *> declared(ASTContext &Context);

  /// The handlers of \p Try that receive a cancellation exception: for each
  /// declared listed type the first handler matching it. A handler may
  /// appear more than once. None when the translation unit declares no
  /// listed type: then the coroutine library in use does not report
  /// cancellation by a known exception.
  llvm::SmallVector<CancellationReceiver, 2> receivers(const CXXTryStmt &Try,
                                                       ASTContext &Context);

private:
  std::string Source;
  /// One list per entry, to keep their order; a deque, as a NameList's
  /// cache does not move without throwing.
  std::deque<NameList> Entries;
  std::optional<std::vector<const CXXRecordDecl *>> Declared;
  const ASTContext *DeclaredIn = nullptr;
};

/// True when cancellation can reach the handlers of a `try` whose block is
/// \p TryBlock, in a coroutine: the block holds a suspension point
/// (`co_await`, `co_yield`), where coroutine libraries deliver cancellation; a
/// `throw` or `std::rethrow_exception`; or a call of a function whose name
/// mentions cancellation, such as cppcoro's `throw_if_cancellation_requested`.
/// Bodies of lambdas defined in the block do not count. Synchronous code
/// between suspension points does not observe the coroutine's cancellation.
bool mayDeliverCancellation(const Stmt &TryBlock);

} // namespace clang::tidy::coroscope

#endif
