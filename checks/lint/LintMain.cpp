//===--- LintMain.cpp - coroscope-lint, the CI gate -----------------------===//
//
// Runs the coroscope checks over a compilation database and fails on new
// findings. Exit status: 0 clean, 1 findings, 2 a tool error (bad input, a
// file that does not compile, a crash or a timeout in one translation unit).
// An error is never a silent pass: the file is named, the other files are
// still linted, and the status is 2 whatever else was found.
//
//===----------------------------------------------------------------------===//

#include "Baseline.h"
#include "CheckConfig.h"
#include "Findings.h"
#include "Fixes.h"
#include "Includes.h"
#include "Paths.h"
#include "Progress.h"
#include "Reports.h"
#include "Selection.h"
#include "Worker.h"
#include "clang/Basic/Version.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <mutex>

using namespace clang::tidy::coroscope::lint;
namespace cl = llvm::cl;

namespace {

enum ExitStatus { Clean = 0, FindingsReported = 1, ToolFailure = 2 };
enum class Format { Text, JSON, SARIF, GitHub, GitLab };

cl::OptionCategory Category("coroscope-lint options");

const char Overview[] =
    "coroscope-lint: the coroscope checks over a compilation database, as a "
    "CI gate.\n\n"
    "Exit status: 0 no findings, 1 findings, 2 tool error (bad input or "
    "configuration, a file that does not compile, a crash, a timeout or the "
    "memory limit); an error wins over findings.\n"
    "Checks and their options come from the .clang-tidy files as in "
    "clang-tidy (default: every coroscope check); NOLINT comments apply.\n";

cl::opt<std::string> BuildPath(
    "p",
    cl::desc("Build directory holding compile_commands.json (or "
             "compile_flags.txt), or the file itself (default: the current "
             "directory)"),
    cl::value_desc("path"), cl::init("."), cl::cat(Category));
cl::list<std::string> Files(
    "files",
    cl::desc("Lint only these files (comma-separated or repeated); each must "
             "be in the compilation database (any file with a "
             "compile_flags.txt). Not with --changed-since"),
    cl::value_desc("file,..."), cl::CommaSeparated, cl::cat(Category));
cl::opt<std::string> ChangedSince(
    "changed-since",
    cl::desc("Lint only the files changed since the merge base of <git-ref> "
             "and HEAD, uncommitted changes included, and the files that "
             "include a changed header"),
    cl::value_desc("git-ref"), cl::cat(Category));
cl::opt<std::string> ShardSpec(
    "shard",
    cl::desc("Lint only part i of n (1 <= i <= n), for a CI matrix; the parts "
             "are disjoint and together cover every file"),
    cl::value_desc("i/n"), cl::cat(Category));
cl::opt<unsigned> Jobs("j",
                       cl::desc("Translation units linted in parallel "
                                "(default 0: one per core)"),
                       cl::Prefix, cl::init(0), cl::cat(Category));
cl::opt<Format> OutputFormat(
    "format", cl::desc("Format of the report written to -o"),
    cl::values(clEnumValN(Format::Text, "text", "clang-style diagnostics"),
               clEnumValN(Format::JSON, "json", "coroscope-lint JSON"),
               clEnumValN(Format::SARIF, "sarif", "SARIF 2.1.0"),
               clEnumValN(Format::GitHub, "github",
                          "GitHub Actions workflow annotations"),
               clEnumValN(Format::GitLab, "gitlab",
                          "GitLab code quality JSON")),
    cl::init(Format::Text), cl::cat(Category));
cl::opt<std::string> OutputPath("o",
                                cl::desc("Where the report goes (default: "
                                         "stdout)"),
                                cl::value_desc("file"), cl::init("-"),
                                cl::cat(Category));
cl::opt<std::string>
    SarifPath("sarif", cl::desc("Also write a SARIF 2.1.0 report to <file>"),
              cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> JsonPath("json",
                              cl::desc("Also write a JSON report to <file>"),
                              cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> SarifCategory(
    "sarif-category",
    cl::desc("The SARIF run's automationDetails.id (without the trailing "
             "'/'); give upload-sarif the same category (default with "
             "--shard i/n: coroscope-lint/shard-i-of-n)"),
    cl::value_desc("name"), cl::cat(Category));
cl::opt<bool> Fix("fix",
                  cl::desc("Apply the checks' fix-its to the files (each "
                           "file written once; a fix that overlaps another "
                           "is left out)"),
                  cl::cat(Category));
cl::opt<std::string>
    ExportFixes("export-fixes",
                cl::desc("Write the findings with their fix-its to <file> in "
                         "clang-tidy's YAML, for clang-apply-replacements"),
                cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> BaselinePath(
    "baseline",
    cl::desc("Report only findings not recorded in this baseline file"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> UpdateBaseline(
    "update-baseline",
    cl::desc("Record the findings in the --baseline file (for the linted "
             "files; others keep their entries) and exit 0"),
    cl::cat(Category));
cl::opt<std::string> RootPath(
    "root",
    cl::desc("Project root: reports and the baseline name files relative to "
             "it (default: the git work tree holding the current directory, "
             "else the current directory)"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<std::string> ChecksOverride(
    "checks",
    cl::desc("Check globs applied after the .clang-tidy files, as in "
             "clang-tidy, e.g. -coroscope-blocking-call"),
    cl::value_desc("globs"), cl::cat(Category));
cl::opt<std::string> HeaderFilter(
    "header-filter",
    cl::desc("Regex of the headers whose findings are reported, over "
             ".clang-tidy's HeaderFilterRegex (default: every non-system "
             "header)"),
    cl::value_desc("regex"), cl::cat(Category));
cl::list<std::string> ExtraArgs("extra-arg",
                                cl::desc("Append to every compile command"),
                                cl::value_desc("arg"), cl::cat(Category));
cl::list<std::string>
    ExtraArgsBefore("extra-arg-before",
                    cl::desc("Prepend to every compile command"),
                    cl::value_desc("arg"), cl::cat(Category));
cl::opt<unsigned> Timeout(
    "timeout",
    cl::desc("Seconds one translation unit may take before it is stopped and "
             "reported as an error (default 600; 0: no limit)"),
    cl::value_desc("seconds"), cl::init(600), cl::cat(Category));
cl::opt<unsigned> MemoryLimit(
    "memory-limit",
    cl::desc("MiB of memory one translation unit's worker may use before it "
             "is stopped and reported as an error (default 4096; 0: no "
             "limit)"),
    cl::value_desc("MiB"), cl::init(4096), cl::cat(Category));
cl::opt<bool> AllowDisabledFiles(
    "allow-disabled-files",
    cl::desc("Skip, with a warning, the files whose .clang-tidy enables no "
             "coroscope check (default: each is an error)"),
    cl::cat(Category));
cl::opt<bool> Quiet("quiet",
                    cl::desc("No progress and no summary; errors are still "
                             "printed"),
                    cl::cat(Category));
// The child's side of a run: one file, diagnostics into a file.
cl::opt<std::string> WorkerFile("worker-file", cl::Hidden, cl::cat(Category));
cl::opt<std::string> WorkerOutput("worker-output", cl::Hidden,
                                  cl::cat(Category));

/// Fails the run before any file is linted.
[[noreturn]] void fatal(const llvm::Twine &Message) {
  llvm::errs() << "coroscope-lint: error: " << Message << "\n";
  std::exit(ToolFailure);
}

std::string currentDirectory() {
  llvm::SmallString<256> Directory;
  llvm::sys::fs::current_path(Directory);
  return std::string(Directory);
}

constexpr llvm::StringLiteral FlagsFileName = "compile_flags.txt";

/// The compilation database -p names, read as `clang-tidy -p` reads it.
struct Database {
  std::unique_ptr<clang::tooling::CompilationDatabase> Commands;
  std::string Path;
  /// A compile_flags.txt: its flags apply to any file, and it lists none.
  bool IsFlagsFile = false;
};

Database loadDatabase() {
  Database Result;
  Result.Path = absolutePath(BuildPath);
  if (llvm::sys::fs::is_directory(Result.Path)) {
    std::string Directory = Result.Path;
    Result.Path = absolutePath("compile_commands.json", Directory);
    std::string Flags = absolutePath(FlagsFileName, Directory);
    if (!llvm::sys::fs::exists(Result.Path) && llvm::sys::fs::exists(Flags))
      Result.Path = Flags;
  }
  if (!llvm::sys::fs::exists(Result.Path))
    fatal("no compilation database: " + Result.Path +
          " does not exist (configure the build with "
          "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON and pass its directory with -p, "
          "or write a compile_flags.txt)");
  std::string Error;
  Result.IsFlagsFile = llvm::sys::path::filename(Result.Path) == FlagsFileName;
  if (Result.IsFlagsFile) {
    Result.Commands = clang::tooling::FixedCompilationDatabase::loadFromFile(
        Result.Path, Error);
  } else if (auto JSON = clang::tooling::JSONCompilationDatabase::loadFromFile(
                 Result.Path, Error,
                 clang::tooling::JSONCommandLineSyntax::AutoDetect)) {
    // What clang-tidy's database plugin does too: `@file` arguments are
    // expanded, and `g++-12` or `aarch64-linux-gnu-g++` gives the driver
    // mode and target that clang, under another name, would not guess.
    Result.Commands = clang::tooling::inferTargetAndDriverMode(
        clang::tooling::expandResponseFiles(std::move(JSON),
                                            llvm::vfs::getRealFileSystem()));
  }
  if (!Result.Commands)
    fatal("cannot read the compilation database " + Result.Path + ": " + Error);
  return Result;
}

/// The database's files, as absolute normalized paths, each mapped to the
/// spelling the database uses.
llvm::StringMap<std::string> databaseFiles(const Database &DB) {
  llvm::StringMap<std::string> Result;
  for (const std::string &File : DB.Commands->getAllFiles())
    Result.try_emplace(absolutePath(File), File);
  if (Result.empty() && !DB.IsFlagsFile)
    fatal("the compilation database " + DB.Path + " lists no files");
  return Result;
}

/// Whether \p File is compiled on its own rather than included: how a
/// compile_flags.txt, which lists no files, tells the sources among the
/// changed files.
bool isSourceFile(llvm::StringRef File) {
  return llvm::is_contained({".c", ".cc", ".cpp", ".cxx", ".c++", ".C"},
                            llvm::sys::path::extension(File));
}

std::string projectRoot() {
  if (!RootPath.empty())
    return absolutePath(RootPath);
  std::string Directory = currentDirectory();
  if (llvm::Expected<std::string> TopLevel = gitTopLevel(Directory))
    return absolutePath(*TopLevel);
  else
    llvm::consumeError(TopLevel.takeError());
  return Directory;
}

/// Finds the database's file a path names, resolving symbolic links when
/// the spellings differ (a checkout reached through a link, say).
class DatabaseIndex {
public:
  DatabaseIndex(const llvm::StringMap<std::string> &Files, bool AnyFile)
      : Files(Files), AnyFile(AnyFile) {}

  /// The file as the database's keys spell it, or nullopt.
  std::optional<std::string> find(llvm::StringRef Path) {
    std::string Absolute = absolutePath(Path);
    if (Files.count(Absolute) || (AnyFile && llvm::sys::fs::exists(Absolute)))
      return Absolute;
    llvm::SmallString<256> Real;
    if (llvm::sys::fs::real_path(Path, Real))
      return std::nullopt;
    if (!Indexed)
      for (const auto &Entry : Files) {
        llvm::SmallString<256> EntryReal;
        if (!llvm::sys::fs::real_path(Entry.getKey(), EntryReal))
          ByRealPath.try_emplace(EntryReal, Entry.getKey().str());
      }
    Indexed = true;
    auto It = ByRealPath.find(Real);
    if (It == ByRealPath.end())
      return std::nullopt;
    return It->getValue();
  }

private:
  const llvm::StringMap<std::string> &Files;
  const bool AnyFile;
  llvm::StringMap<std::string> ByRealPath;
  bool Indexed = false;
};

struct Selected {
  std::vector<std::string> Files; ///< Absolute, normalized, sorted.
  /// --changed-since: the changed files the database does not compile,
  /// which its files may include.
  std::vector<std::string> ChangedHeaders;
  std::vector<ToolError> Errors;
  bool Everything = true; ///< No --files, --changed-since or --shard.
};

Selected selectFiles(const Database &DB,
                     const llvm::StringMap<std::string> &DatabaseFiles,
                     llvm::StringRef Directory) {
  Selected Result;
  DatabaseIndex Index(DatabaseFiles, DB.IsFlagsFile);
  if (!Files.empty() && !ChangedSince.empty())
    fatal("use either --files or --changed-since, not both");
  if (!Files.empty()) {
    Result.Everything = false;
    for (const std::string &File : Files) {
      if (std::optional<std::string> Known = Index.find(File))
        Result.Files.push_back(*Known);
      else
        Result.Errors.push_back(
            {absolutePath(File),
             "not in the compilation database, so it cannot be linted "
             "(headers are linted through the files that include them)",
             std::nullopt});
    }
  } else if (!ChangedSince.empty()) {
    Result.Everything = false;
    llvm::Expected<std::vector<std::string>> Changed =
        changedFiles(Directory, ChangedSince);
    if (!Changed)
      fatal("--changed-since " + ChangedSince + ": " +
            llvm::toString(Changed.takeError()));
    for (const std::string &File : *Changed) {
      std::optional<std::string> Known;
      if (!DB.IsFlagsFile || isSourceFile(File))
        Known = Index.find(File);
      (Known ? Result.Files : Result.ChangedHeaders)
          .push_back(Known ? *Known : File);
    }
  } else if (DB.IsFlagsFile) {
    fatal(DB.Path + " lists no files: name them with --files or "
                    "--changed-since");
  } else {
    for (const auto &Entry : DatabaseFiles)
      Result.Files.push_back(Entry.getKey().str());
  }
  return Result;
}

/// Keeps the files of one --shard, sorted and each once.
void finishSelection(Selected &Selection, llvm::StringRef Root) {
  std::vector<std::string> &Files = Selection.Files;
  if (!ShardSpec.empty()) {
    Selection.Everything = false;
    llvm::Expected<Shard> S = parseShard(ShardSpec);
    if (!S)
      fatal(llvm::toString(S.takeError()));
    llvm::erase_if(Files, [&](const std::string &File) {
      return !inShard(projectPath(File, Root), *S);
    });
  }
  llvm::sort(Files);
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  // clang would report three confusing errors for a missing file.
  llvm::erase_if(Files, [&](const std::string &File) {
    if (llvm::sys::fs::exists(File))
      return false;
    Selection.Errors.push_back(
        {File, "listed in the compilation database but does not exist",
         std::nullopt});
    return true;
  });
}

std::string plural(size_t N, llvm::StringRef Word) {
  return std::to_string(N) + " " + Word.str() + (N == 1 ? "" : "s");
}

/// --changed-since: adds the database's files that include a changed header.
void addIncluders(Selected &Selection, const Database &DB,
                  const llvm::StringMap<std::string> &DatabaseFiles,
                  const WorkerSetup &Setup) {
  std::vector<std::string> Headers;
  llvm::copy_if(Selection.ChangedHeaders, std::back_inserter(Headers),
                [](const std::string &File) { return mayBeIncluded(File); });
  if (Headers.empty())
    return;
  if (DB.IsFlagsFile) {
    llvm::errs() << "coroscope-lint: warning: "
                 << plural(Headers.size(), "changed header")
                 << " linted only through the changed sources: "
                 << FlagsFileName
                 << " does not list the files that include it (first: "
                 << Headers.front() << ")\n";
    return;
  }
  llvm::StringSet<> Chosen;
  for (const std::string &File : Selection.Files)
    Chosen.insert(File);
  llvm::StringMap<std::vector<clang::tooling::CompileCommand>> Others;
  for (const auto &Entry : DatabaseFiles)
    if (!Chosen.contains(Entry.getKey()))
      Others[Entry.getKey()] =
          DB.Commands->getCompileCommands(Entry.getValue());
  if (!Quiet)
    llvm::errs() << "coroscope-lint: "
                 << plural(Headers.size(), "changed header")
                 << ": reading the includes of "
                 << plural(Others.size(), "file") << "\n";
  for (std::string &File : includersOf(Headers, Others, Setup, Jobs))
    Selection.Files.push_back(std::move(File));
}

/// The name the database gives \p File (absolute and normalized); a
/// compile_flags.txt takes any name.
llvm::StringRef
databaseSpelling(const llvm::StringMap<std::string> &DatabaseFiles,
                 llvm::StringRef File) {
  auto It = DatabaseFiles.find(File);
  return It == DatabaseFiles.end() ? File : llvm::StringRef(It->getValue());
}

std::string disabledMessage(const DisablingConfig &Off,
                            llvm::StringRef Directory) {
  std::string Source = Off.Source == clang::tidy::ClangTidyOptionsProvider::
                                         OptionsSourceTypeCheckCommandLineOption
                           ? "--checks"
                           : projectPath(Off.Source, Directory);
  return "no coroscope check is enabled for it: " + Source + " sets Checks: '" +
         llvm::join(llvm::split(llvm::StringRef(Off.Checks).trim(), '\n'),
                    " ") +
         "'; enable coroscope-* there, or pass --allow-disabled-files to skip "
         "such files";
}

/// An error as clang prints one, naming the file whose result it spoils.
std::string describe(const ToolError &E, llvm::StringRef Directory) {
  std::string File = projectPath(E.File, Directory);
  if (!E.Where)
    return File + ": error: " + E.Message;
  std::string Text = projectPath(E.Where->File, Directory);
  if (E.Where->Begin.Line)
    Text += ":" + std::to_string(E.Where->Begin.Line) + ":" +
            std::to_string(E.Where->Begin.Column);
  Text += ": error: " + E.Message;
  if (E.Where->File != E.File)
    Text += " (in " + File + ")";
  return Text;
}

void writeReport(Format F, llvm::StringRef Path, const Results &R,
                 const RunFacts &Run, llvm::StringRef Directory) {
  std::error_code EC;
  llvm::raw_fd_ostream Out(Path, EC, llvm::sys::fs::OF_Text);
  if (EC)
    fatal("cannot write " + Path + ": " + EC.message());
  switch (F) {
  case Format::Text:
    writeText(Out, R, Directory);
    break;
  case Format::JSON:
    writeJSON(Out, R, Run);
    break;
  case Format::SARIF:
    writeSARIF(Out, R, Run);
    break;
  case Format::GitHub:
    writeGitHub(Out, R, Run);
    break;
  case Format::GitLab:
    writeGitLab(Out, R, Run);
    break;
  }
}

int lint(WorkerSetup Setup) {
  if (UpdateBaseline && BaselinePath.empty())
    fatal("--update-baseline needs --baseline <file>");
  const auto Start = std::chrono::steady_clock::now();
  const std::string Directory = currentDirectory();
  const Database DB = loadDatabase();
  const llvm::StringMap<std::string> DatabaseFiles = databaseFiles(DB);
  RunFacts Run;
  Run.Root = projectRoot();
  Run.Rules = coroscopeChecks();
  if (!ShardSpec.empty())
    Run.Shard = ShardSpec;
  if (!SarifCategory.empty())
    Run.SarifCategory = SarifCategory;
  else if (Run.Shard)
    Run.SarifCategory = "coroscope-lint/shard-" +
                        llvm::join(llvm::split(*Run.Shard, '/'), "-of-");
  Selected Selection = selectFiles(DB, DatabaseFiles, Directory);
  addIncluders(Selection, DB, DatabaseFiles, Setup);
  finishSelection(Selection, Run.Root);
  Run.FilesSelected = Selection.Files.size();

  std::vector<BaselineEntry> Baseline;
  if (!BaselinePath.empty()) {
    Run.BaselinePath = projectPath(absolutePath(BaselinePath), Run.Root);
    if (!UpdateBaseline || llvm::sys::fs::exists(BaselinePath)) {
      auto Entries = readBaseline(BaselinePath);
      if (!Entries)
        fatal(llvm::toString(Entries.takeError()));
      Baseline = std::move(*Entries);
    }
  }

  // A file whose configuration enables no coroscope check would pass while
  // checking nothing (`Checks: '-*,bugprone-*'` is common): an error that
  // names the configuration, unless the user asks to skip such files.
  // So is a configuration clang-tidy would read with a warning and ignore
  // in part.
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Options =
      makeOptionsProvider(Setup.Checks);
  ConfigurationProblems Problems;
  std::vector<std::string> ToLint, Disabled;
  std::vector<ToolError> Errors = std::move(Selection.Errors);
  for (const std::string &File : Selection.Files) {
    if (std::optional<std::string> Problem =
            Problems.of(*Options, File, Directory)) {
      Errors.push_back({File, "bad configuration: " + *Problem, std::nullopt});
      continue;
    }
    std::optional<DisablingConfig> Off =
        disablingConfig(*Options, File, Run.Rules);
    if (!Off)
      ToLint.push_back(File);
    else if (AllowDisabledFiles)
      Disabled.push_back(File);
    else
      Errors.push_back({File, disabledMessage(*Off, Directory), std::nullopt});
  }
  llvm::StringMap<std::vector<clang::tooling::CompileCommand>> FileCommands;
  for (const std::string &File : ToLint)
    FileCommands[File] =
        DB.Commands->getCompileCommands(databaseSpelling(DatabaseFiles, File));

  Progress::Style Style = Quiet ? Progress::Style::Quiet
                          : llvm::sys::Process::StandardErrIsDisplayed()
                              ? Progress::Style::Interactive
                              : Progress::Style::Lines;
  Progress Status(llvm::errs(), Style, ToLint.size());
  std::mutex Lock;
  SourceFiles Sources;
  std::vector<Finding> Findings;
  llvm::StringSet<> SeenFindings;
  for (const ToolError &E : Errors)
    Status.error(describe(E, Directory));
  {
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
    for (const std::string &File : ToLint)
      Pool.async([&, File] {
        auto Begin = std::chrono::steady_clock::now();
        WorkerOutcome Outcome =
            lintInWorker(Setup, databaseSpelling(DatabaseFiles, File),
                         FileCommands.find(File)->getValue());
        std::lock_guard<std::mutex> Guard(Lock);
        FileResult Result;
        if (Outcome.Diagnostics)
          Result = interpret(*Outcome.Diagnostics, Sources);
        else
          Result.Errors.push_back({File, Outcome.Failure, std::nullopt});
        unsigned Found = 0;
        for (Finding &F : Result.Findings)
          if (SeenFindings.insert(duplicateKey(F)).second) {
            Findings.push_back(std::move(F));
            ++Found;
          }
        for (ToolError &E : Result.Errors) {
          E.File = File;
          Status.error(describe(E, Directory));
          Errors.push_back(std::move(E));
        }
        Status.finished(projectPath(File, Directory), Found,
                        Result.Errors.size(),
                        std::chrono::steady_clock::now() - Begin);
      });
    Pool.wait();
  }
  Status.done();
  Run.FilesLinted = ToLint.size();
  if (!Disabled.empty())
    llvm::errs() << "coroscope-lint: warning: "
                 << plural(Disabled.size(), "file")
                 << " skipped (--allow-disabled-files): their .clang-tidy "
                    "enables no coroscope check (first: "
                 << projectPath(Disabled.front(), Directory) << ")\n";

  // The files this run speaks for, as the baseline names them.
  llvm::StringSet<> Linted;
  for (const std::string &File : Selection.Files)
    Linted.insert(projectPath(File, Run.Root));
  auto Covered = [&](llvm::StringRef File) {
    return Selection.Everything || Linted.contains(File);
  };

  sortFindings(Findings);
  assignFingerprints(Findings, Run.Root);
  std::vector<Finding> Reported = Findings, Baselined;
  if (!BaselinePath.empty() && !UpdateBaseline) {
    BaselineMatch Match =
        matchBaseline(std::move(Reported), Baseline, Run.Root, Covered);
    Reported = std::move(Match.New);
    Baselined = std::move(Match.Known);
    Run.BaselineKnown = Baselined.size();
    Run.BaselineGone = Match.Gone;
  }

  if (!ExportFixes.empty())
    if (llvm::Error E = exportFixes(ExportFixes, Reported))
      fatal(llvm::toString(std::move(E)));
  std::optional<FixOutcome> Fixed;
  if (Fix) {
    Fixed = applyFixes(Reported);
    for (ToolError &E : Fixed->Errors) {
      llvm::errs() << describe(E, Directory) << "\n";
      Errors.push_back(std::move(E));
    }
    for (const Finding *F : Fixed->Conflicting)
      llvm::errs() << "coroscope-lint: warning: the fix of "
                   << projectPath(F->Where.File, Directory) << ":"
                   << F->Where.Begin.Line << " [" << F->Check
                   << "] overlaps another fix and is not applied\n";
  }

  Results R{Reported, Errors, Baselined};
  writeReport(OutputFormat, OutputPath, R, Run, Directory);
  if (!SarifPath.empty())
    writeReport(Format::SARIF, SarifPath, R, Run, Directory);
  if (!JsonPath.empty())
    writeReport(Format::JSON, JsonPath, R, Run, Directory);

  if (UpdateBaseline) {
    if (!Errors.empty())
      fatal("the baseline is not updated: " + plural(Errors.size(), "error") +
            " left the findings incomplete");
    std::vector<BaselineEntry> Updated =
        updatedBaseline(Baseline, Findings, Run.Root, Covered);
    size_t Recorded = Updated.size();
    if (llvm::Error E = writeBaseline(BaselinePath, std::move(Updated)))
      fatal(llvm::toString(std::move(E)));
    if (!Quiet)
      llvm::errs() << "coroscope-lint: baseline " << BaselinePath << " holds "
                   << plural(Recorded, "finding") << "\n";
    return Errors.empty() ? Clean : ToolFailure;
  }

  if (!Quiet) {
    llvm::errs() << "coroscope-lint: " << plural(Run.FilesLinted, "file")
                 << " linted, " << plural(Reported.size(), "finding");
    if (Run.BaselinePath)
      llvm::errs() << " (" << Run.BaselineKnown << " more in the baseline"
                   << (Run.BaselineGone
                           ? ", " + plural(Run.BaselineGone, "baseline entry") +
                                 " no longer found"
                           : std::string())
                   << ")";
    llvm::errs() << ", " << plural(Errors.size(), "error");
    if (Fixed)
      llvm::errs() << ", " << plural(Fixed->Applied, "fix-it") << " applied to "
                   << plural(Fixed->Files, "file");
    llvm::errs() << ", "
                 << formatDuration(std::chrono::steady_clock::now() - Start)
                 << "\n";
  }
  if (!Errors.empty())
    return ToolFailure;
  return Reported.empty() ? Clean : FindingsReported;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM Init(argc, argv);
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](llvm::raw_ostream &Out) {
    Out << "coroscope-lint " COROSCOPE_VERSION " (LLVM " CLANG_VERSION_STRING
           ")\n";
  });
  if (!cl::ParseCommandLineOptions(argc, argv, Overview, &llvm::errs()))
    return ToolFailure;

  WorkerSetup Setup;
  Setup.Self = llvm::sys::fs::getMainExecutable(
      argv[0], reinterpret_cast<void *>(&currentDirectory));
  if (!ChecksOverride.empty())
    Setup.Checks.Checks = ChecksOverride;
  if (HeaderFilter.getNumOccurrences())
    Setup.Checks.HeaderFilter = HeaderFilter;
  Setup.ExtraArgs = ExtraArgs;
  Setup.ExtraArgsBefore = ExtraArgsBefore;
  Setup.TimeoutSeconds = Timeout;
  Setup.MemoryLimitMiB = MemoryLimit;
  if (!WorkerOutput.empty()) {
    Setup.CompileCommands = BuildPath;
    return runWorker(Setup, WorkerFile, WorkerOutput);
  }
  return lint(std::move(Setup));
}
