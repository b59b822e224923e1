//===--- CoroscopeTidyModule.cpp - the coroscope clang-tidy module --------===//

#include "BlockingCallCheck.h"
#include "MaskingCleanupCheck.h"
#include "ReusedScopeCheck.h"
#include "ScopeGeneratorCheck.h"
#include "SwallowedCancellationCheck.h"
#include "UnawaitedAwaitableCheck.h"
#include "UnguardedAcquireCheck.h"
#include "utils/LLVMCompat.h"

namespace clang::tidy::coroscope {

class CoroscopeModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    CheckFactories.registerCheck<BlockingCallCheck>("coroscope-blocking-call");
    CheckFactories.registerCheck<MaskingCleanupCheck>(
        "coroscope-masking-cleanup");
    CheckFactories.registerCheck<ReusedScopeCheck>("coroscope-reused-scope");
    CheckFactories.registerCheck<ScopeGeneratorCheck>(
        "coroscope-scope-generator");
    CheckFactories.registerCheck<SwallowedCancellationCheck>(
        "coroscope-swallowed-cancellation");
    CheckFactories.registerCheck<UnawaitedAwaitableCheck>(
        "coroscope-unawaited-awaitable");
    CheckFactories.registerCheck<UnguardedAcquireCheck>(
        "coroscope-unguarded-acquire");
  }
};

} // namespace clang::tidy::coroscope

namespace clang::tidy {

// Registered for `clang-tidy --load`, coroscope-clangd and coroscope-lint
// alike.
static ClangTidyModuleRegistry::Add<coroscope::CoroscopeModule>
    CoroscopeModuleRegistration("coroscope-module",
                                "Resource-scope misuse in C++20 coroutines.");

} // namespace clang::tidy
