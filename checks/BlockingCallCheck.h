//===--- BlockingCallCheck.h - coroscope ------------------------*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_BLOCKINGCALLCHECK_H
#define COROSCOPE_CHECKS_BLOCKINGCALLCHECK_H

#include "utils/CoroutineFacts.h"
#include "utils/FunctionBody.h"
#include "utils/LibraryAwareCheck.h"
#include "utils/NameList.h"
#include "utils/ReportOnce.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::coroscope {

/// Finds blocking calls in coroutine bodies, which stall the event loop
/// thread and every coroutine that runs on it.
///
/// For the user-facing documentation see:
/// docs/checks/coroscope-blocking-call.md
class BlockingCallCheck : public LibraryAwareCheck {
public:
  BlockingCallCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;

  /// Which of a library's remedies replaces a blocking call.
  enum class Alternative { Sleep, Lock, Semaphore, Event, Offload };

private:
  struct CoroutineScan;

  void checkCoroutine(const FunctionDecl &Coroutine, ASTContext &Context);
  void checkCall(const CallExpr &Call, CoroutineScan &Scan);
  bool checkStreamIO(const CallExpr &Call, CoroutineScan &Scan);
  void checkStreamOpen(const CXXConstructExpr &Construct, CoroutineScan &Scan);
  void checkLocksHeldAcrossSuspension(const CompoundStmt &Block,
                                      CoroutineScan &Scan);
  /// True when \p Suspension awaits a wait that releases \p Lock, or the
  /// \p Mutex it holds, while it is suspended (a condition variable's).
  bool releasesWhileSuspended(const Expr &Suspension, const VarDecl &Lock,
                              const Expr &Mutex);
  struct CalleeFacts {
    /// In BlockingFunctions.
    bool Listed = false;
    bool Allowed = false;
    Alternative Instead = Alternative::Offload;
    /// What a library profile says of it, when it is not Listed.
    std::optional<LibraryProfiles::Blocking> Profiled;
    /// As the message names it.
    std::string Name;
  };
  /// \p Callee is a function, or a variable holding a function object.
  /// \p CalledOn is the class of the object a member is called on, which may
  /// inherit the member: `std::future<T>::wait` is declared in a base class
  /// in libstdc++, yet users list it as `std::future::wait`.
  const CalleeFacts &factsOf(const NamedDecl &Callee,
                             const CXXRecordDecl *CalledOn = nullptr);
  bool isBlockingStream(QualType Type);
  void report(const Expr &At, CoroutineScan &Scan, llvm::StringRef What,
              llvm::StringRef Instead);
  llvm::StringRef remedy(Alternative Instead, CoroutineScan &Scan);

  NameList BlockingFunctions;
  NameList AllowedFunctions;
  std::shared_ptr<EnclosingFunctions> Functions;
  NameList BlockingStreamTypes;
  NameList NoExtraAwaitables;
  CoroutineFacts Facts;
  llvm::DenseMap<std::pair<const CXXRecordDecl *, const NamedDecl *>,
                 CalleeFacts>
      Callees;
  llvm::DenseMap<const CXXRecordDecl *, bool> Streams;
  ReportOnce Reported;
};

} // namespace clang::tidy::coroscope

#endif
