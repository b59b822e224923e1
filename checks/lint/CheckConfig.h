//===--- CheckConfig.h - which checks run, with which options ---*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_LINT_CHECKCONFIG_H
#define COROSCOPE_CHECKS_LINT_CHECKCONFIG_H

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/ArrayRef.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::coroscope::lint {

/// What the command line adds on top of the `.clang-tidy` files.
struct CheckConfig {
  std::optional<std::string> Checks;
  std::optional<std::string> HeaderFilter;
};

/// clang-tidy's own configuration lookup: the `.clang-tidy` nearest each file
/// (and its parents, with InheritParentConfig), over coroscope-lint's
/// defaults, under the command line. Defaults: every coroscope check, and
/// findings in every non-system header (LLVM 19 and 22 differ here).
std::unique_ptr<ClangTidyOptionsProvider>
makeOptionsProvider(const CheckConfig &Config);

/// Every coroscope check this binary contains, sorted.
std::vector<std::string> coroscopeChecks();

/// Whether \p Options enable at least one of \p Checks.
bool enablesAny(const ClangTidyOptions &Options,
                llvm::ArrayRef<std::string> Checks);

/// When the configuration of \p File enables none of \p Checks: the source
/// whose `Checks` switched the last of them off (a `.clang-tidy` file's path,
/// or `--checks`) and that `Checks` value. nullopt when some check is on.
struct DisablingConfig {
  std::string Source;
  std::string Checks;
};
std::optional<DisablingConfig>
disablingConfig(ClangTidyOptionsProvider &Provider, llvm::StringRef File,
                llvm::ArrayRef<std::string> Checks);

} // namespace clang::tidy::coroscope::lint

#endif
