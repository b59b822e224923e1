//===--- CheckConfig.cpp - which checks run, with which options -----------===//

#include "CheckConfig.h"
#include "clang-tidy/GlobList.h"
#include "utils/LLVMCompat.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::coroscope::lint {

std::unique_ptr<ClangTidyOptionsProvider>
makeOptionsProvider(const CheckConfig &Config) {
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = "-*,coroscope-*";
  Defaults.HeaderFilterRegex = ".*";
  Defaults.SystemHeaders = false;
  ClangTidyOptions Overrides;
  Overrides.Checks = Config.Checks;
  Overrides.HeaderFilterRegex = Config.HeaderFilter;
  return std::make_unique<FileOptionsProvider>(
      ClangTidyGlobalOptions(), std::move(Defaults), std::move(Overrides));
}

std::vector<std::string> coroscopeChecks() {
  ClangTidyCheckFactories Factories;
  for (const auto &Module : ClangTidyModuleRegistry::entries())
    Module.instantiate()->addCheckFactories(Factories);
  std::vector<std::string> Names;
  for (const auto &Factory : Factories)
    if (Factory.getKey().starts_with("coroscope-"))
      Names.push_back(Factory.getKey().str());
  llvm::sort(Names);
  return Names;
}

bool enablesAny(const ClangTidyOptions &Options,
                llvm::ArrayRef<std::string> Checks) {
  CachedGlobList Enabled(Options.Checks.value_or(""));
  return llvm::any_of(
      Checks, [&](const std::string &Name) { return Enabled.contains(Name); });
}

std::optional<DisablingConfig>
disablingConfig(ClangTidyOptionsProvider &Provider, llvm::StringRef File,
                llvm::ArrayRef<std::string> Checks) {
  // The sources in the order clang-tidy merges them: coroscope-lint's
  // defaults, the .clang-tidy files from the outermost in, the command line.
  ClangTidyOptions Merged;
  std::optional<DisablingConfig> Disabling;
  for (const auto &[Options, Source] : Provider.getRawOptions(File)) {
    Merged.mergeWith(Options, 0);
    if (!Options.Checks)
      continue;
    if (enablesAny(Merged, Checks))
      Disabling.reset();
    else if (!Disabling)
      Disabling = DisablingConfig{
          Source == ClangTidyOptionsProvider::OptionsSourceTypeCheckCommandLineOption
              ? "--checks"
              : Source,
          *Options.Checks};
  }
  return Disabling;
}

} // namespace clang::tidy::coroscope::lint
