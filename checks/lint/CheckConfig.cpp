//===--- CheckConfig.cpp - which checks run, with which options -----------===//

#include "CheckConfig.h"
#include "Paths.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/GlobList.h"
#include "utils/LLVMCompat.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"

namespace clang::tidy::coroscope::lint {

namespace {

ClangTidyOptions lintDefaults() {
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = "-*,coroscope-*";
  Defaults.HeaderFilterRegex = ".*";
  Defaults.SystemHeaders = false;
  return Defaults;
}

ClangTidyCheckFactories allCheckFactories() {
  ClangTidyCheckFactories Factories;
  for (const auto &Module : ClangTidyModuleRegistry::entries())
    Module.instantiate()->addCheckFactories(Factories);
  return Factories;
}

/// Every option of the coroscope checks, as `<check>.<option>`.
llvm::StringSet<> coroscopeOptions() {
  // Each check with its defaults stores every option it has, as
  // `clang-tidy --dump-config` shows them.
  ClangTidyContext Context(std::make_unique<DefaultOptionsProvider>(
      ClangTidyGlobalOptions(), lintDefaults()));
  ClangTidyOptions::OptionMap Stored;
  for (const auto &Factory : allCheckFactories())
    if (Factory.getKey().starts_with("coroscope-"))
      Factory.getValue()(Factory.getKey(), &Context)->storeOptions(Stored);
  llvm::StringSet<> Names;
  for (const auto &Option : Stored)
    Names.insert(Option.getKey());
  return Names;
}

} // namespace

std::unique_ptr<ClangTidyOptionsProvider>
makeOptionsProvider(const CheckConfig &Config) {
  ClangTidyOptions Overrides;
  Overrides.Checks = Config.Checks;
  Overrides.HeaderFilterRegex = Config.HeaderFilter;
  return std::make_unique<FileOptionsProvider>(
      ClangTidyGlobalOptions(), lintDefaults(), std::move(Overrides));
}

std::vector<std::string> coroscopeChecks() {
  std::vector<std::string> Names;
  for (const auto &Factory : allCheckFactories())
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

ConfigurationProblems::ConfigurationProblems()
    : KnownOptions(coroscopeOptions()) {}

const ConfigurationProblems::ConfigFile &
ConfigurationProblems::read(llvm::StringRef Path) {
  auto [It, Inserted] = Files.try_emplace(Path);
  if (!Inserted)
    return It->second;
  ConfigFile &Config = It->second;
  auto Text = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Text) {
    Config.Error = Text.getError().message();
    return Config;
  }
  llvm::ErrorOr<ClangTidyOptions> Parsed = parseConfigurationWithDiags(
      (*Text)->getMemBufferRef(), [&](const llvm::SMDiagnostic &D) {
        Config.Error =
            (llvm::Twine(D.getLineNo()) + ":" +
             llvm::Twine(D.getColumnNo() + 1) + ": " + D.getMessage())
                .str();
      });
  if (!Parsed && Config.Error.empty())
    Config.Error = Parsed.getError().message();
  if (Parsed)
    Config.InheritsParent = Parsed->InheritParentConfig.value_or(false);
  return Config;
}

std::optional<std::string>
ConfigurationProblems::of(ClangTidyOptionsProvider &Provider,
                          llvm::StringRef File, llvm::StringRef Directory) {
  // The .clang-tidy files clang-tidy looks for, as it does: up from the
  // file's directory to the first that does not inherit its parent's.
  for (llvm::StringRef Folder = llvm::sys::path::parent_path(File);
       !Folder.empty(); Folder = llvm::sys::path::parent_path(Folder)) {
    llvm::SmallString<256> Path(Folder);
    llvm::sys::path::append(Path, ".clang-tidy");
    if (!llvm::sys::fs::exists(Path))
      continue;
    const ConfigFile &Config = read(Path);
    if (!Config.Error.empty())
      return projectPath(Path, Directory) + " cannot be read (" + Config.Error +
             "); clang-tidy would go on without it";
    if (!Config.InheritsParent)
      break;
  }
  for (const auto &[Options, Source] : Provider.getRawOptions(File))
    for (const auto &Option : Options.CheckOptions) {
      llvm::StringRef Name = Option.getKey();
      if (Name.starts_with("coroscope-") && !KnownOptions.contains(Name))
        return projectPath(Source, Directory) + " sets '" + Name.str() +
               "', which no coroscope check has";
    }
  return std::nullopt;
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
      Disabling = DisablingConfig{Source, *Options.Checks};
  }
  return Disabling;
}

} // namespace clang::tidy::coroscope::lint
