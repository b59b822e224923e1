//===--- CheckConfig.h - which checks run, with which options ---*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_LINT_CHECKCONFIG_H
#define COROSCOPE_CHECKS_LINT_CHECKCONFIG_H

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
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

/// What clang-tidy would read of a file's configuration with a warning and
/// then ignore: a `.clang-tidy` on its way up that does not parse (clang-tidy
/// goes on as if it were not there), or a coroscope check option that no
/// coroscope check has (a misspelt name changes nothing).
class ConfigurationProblems {
public:
  ConfigurationProblems();

  /// Why the configuration of \p File, as \p Provider reads it, cannot be
  /// used as written, naming files relative to \p Directory; nullopt when
  /// it can.
  std::optional<std::string> of(ClangTidyOptionsProvider &Provider,
                                llvm::StringRef File,
                                llvm::StringRef Directory);

private:
  struct ConfigFile {
    std::string Error; ///< Empty when it parses.
    bool InheritsParent = false;
  };
  const ConfigFile &read(llvm::StringRef Path);

  llvm::StringSet<> KnownOptions;
  llvm::StringMap<ConfigFile> Files;
};

/// Whether \p Options enable at least one of \p Checks.
bool enablesAny(const ClangTidyOptions &Options,
                llvm::ArrayRef<std::string> Checks);

/// When the configuration of \p File enables none of \p Checks: the source
/// whose `Checks` switched the last of them off (a `.clang-tidy` file's path,
/// or clang-tidy's name for the command line's --checks) and that `Checks`
/// value. nullopt when some check is on.
struct DisablingConfig {
  std::string Source;
  std::string Checks;
};
std::optional<DisablingConfig>
disablingConfig(ClangTidyOptionsProvider &Provider, llvm::StringRef File,
                llvm::ArrayRef<std::string> Checks);

} // namespace clang::tidy::coroscope::lint

#endif
