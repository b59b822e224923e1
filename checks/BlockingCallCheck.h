//===--- BlockingCallCheck.h - coroscope ------------------------*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_BLOCKINGCALLCHECK_H
#define COROSCOPE_CHECKS_BLOCKINGCALLCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/FunctionBody.h"
#include "utils/NameList.h"
#include "utils/ReportOnce.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::coroscope {

/// Finds blocking calls in coroutine bodies, which stall the event loop
/// thread and every coroutine that runs on it.
///
/// For the user-facing documentation see:
/// docs/checks/coroscope-blocking-call.md
class BlockingCallCheck : public ClangTidyCheck {
public:
  BlockingCallCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;

  /// What the coroscope runtime offers instead of a blocking call.
  enum class Alternative {
    SleepFor,
    AsyncMutex,
    AsyncSemaphore,
    Event,
    RunBlocking
  };

private:
  struct CoroutineScan;

  void checkCoroutine(const FunctionDecl &Coroutine, ASTContext &Context);
  void checkCall(const CallExpr &Call, CoroutineScan &Scan);
  bool checkStreamIO(const CallExpr &Call, CoroutineScan &Scan);
  void checkStreamOpen(const CXXConstructExpr &Construct, CoroutineScan &Scan);
  void checkLocksHeldAcrossSuspension(const CompoundStmt &Block,
                                      CoroutineScan &Scan);
  struct CalleeFacts {
    bool Listed = false;
    bool Allowed = false;
    Alternative Instead = Alternative::RunBlocking;
    /// As the message names it.
    std::string Name;
  };
  /// \p CalledOn is the class of the object a member is called on, which may
  /// inherit the member: `std::future<T>::wait` is declared in a base class
  /// in libstdc++, yet users list it as `std::future::wait`.
  const CalleeFacts &factsOf(const FunctionDecl &Callee,
                             const CXXRecordDecl *CalledOn = nullptr);
  bool isBlockingStream(QualType Type);
  void report(const Expr &At, CoroutineScan &Scan, llvm::StringRef What,
              Alternative Instead);

  NameList BlockingFunctions;
  NameList AllowedFunctions;
  std::shared_ptr<EnclosingFunctions> Functions;
  NameList BlockingStreamTypes;
  llvm::DenseMap<std::pair<const CXXRecordDecl *, const FunctionDecl *>,
                 CalleeFacts>
      Callees;
  llvm::DenseMap<const CXXRecordDecl *, bool> Streams;
  ReportOnce Reported;
};

} // namespace clang::tidy::coroscope

#endif
