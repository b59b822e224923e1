//===--- Worker.cpp - one translation unit in its own process -------------===//

#include "Worker.h"
#include "Subprocess.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::coroscope::lint {

namespace {

// Wherever coroscope-lint is installed, clang's builtin headers come from the
// LLVM installation it was built against (clang would look next to the
// executable). A -resource-dir in the compile command wins.
tooling::ArgumentsAdjuster resourceDirAdjuster() {
  return [](const tooling::CommandLineArguments &Args, llvm::StringRef) {
    for (const std::string &Arg : Args)
      if (llvm::StringRef(Arg).starts_with("-resource-dir"))
        return Args;
    return tooling::getInsertArgumentAdjuster(
        "-resource-dir=" COROSCOPE_CLANG_RESOURCE_DIR,
        tooling::ArgumentInsertPosition::BEGIN)(Args, "");
  };
}

} // namespace

tooling::ArgumentsAdjuster compileCommandAdjuster(const WorkerSetup &Setup) {
  // A GCC database names warnings clang does not know (-Wlogical-op,
  // -Wduplicated-cond, ...); under -Werror each would be an error that
  // fails the file. Compiler warnings are not the gate's business, so they
  // are silenced before the user's --extra-arg, which may turn them on.
  tooling::ArgumentsAdjuster Adjust = tooling::combineAdjusters(
      tooling::getInsertArgumentAdjuster(
          Setup.ExtraArgsBefore, tooling::ArgumentInsertPosition::BEGIN),
      tooling::getInsertArgumentAdjuster("-Wno-unknown-warning-option",
                                         tooling::ArgumentInsertPosition::END));
  Adjust = tooling::combineAdjusters(
      Adjust, tooling::getInsertArgumentAdjuster(
                  Setup.ExtraArgs, tooling::ArgumentInsertPosition::END));
  return tooling::combineAdjusters(Adjust, resourceDirAdjuster());
}

int runWorker(const WorkerSetup &Setup, llvm::StringRef File,
              llvm::StringRef Output) {
  std::string Error;
  std::unique_ptr<tooling::CompilationDatabase> Database =
      tooling::JSONCompilationDatabase::loadFromFile(
          Setup.CompileCommands, Error,
          tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Database) {
    llvm::errs() << "error: " << Error << "\n";
    return 2;
  }
  tooling::ArgumentsAdjustingCompilations Compilations(std::move(Database));
  Compilations.appendArgumentsAdjuster(compileCommandAdjuster(Setup));

  ClangTidyContext Context(makeOptionsProvider(Setup.Checks));
  auto FileSystem = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::getRealFileSystem());
  std::vector<ClangTidyError> Errors =
      runClangTidy(Context, Compilations, {File.str()}, FileSystem,
                   /*ApplyAnyFix=*/false);

  tooling::TranslationUnitDiagnostics Result;
  Result.MainSourceFile = File.str();
  for (ClangTidyError &E : Errors) {
    // The YAML keeps tooling::Diagnostic only: fold WarningsAsErrors into it.
    if (E.IsWarningAsError)
      E.DiagLevel = tooling::Diagnostic::Error;
    Result.Diagnostics.push_back(std::move(E));
  }
  std::error_code EC;
  llvm::raw_fd_ostream Out(Output, EC);
  if (EC) {
    llvm::errs() << "error: cannot write " << Output << ": " << EC.message()
                 << "\n";
    return 2;
  }
  llvm::yaml::Output YAML(Out);
  YAML << Result;
  return 0;
}

namespace {

/// The part of a crashed worker's log that says where it was: LLVM's pretty
/// stack trace ("1.\t<file>:2:2: current parser token 'pragma'"), or else
/// the last lines.
std::string crashContext(llvm::StringRef Log) {
  llvm::SmallVector<llvm::StringRef> Lines, Context;
  Log.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Line : Lines) {
    llvm::StringRef Rest = Line.ltrim("0123456789");
    if (Rest.size() != Line.size() && Rest.starts_with(".\t") &&
        !Rest.contains("Program arguments:"))
      Context.push_back(Line.trim());
  }
  if (Context.empty())
    Context.assign(Lines.end() - std::min<size_t>(Lines.size(), 5),
                   Lines.end());
  std::string Result;
  for (llvm::StringRef Line : Context)
    Result += "\n    " + Line.str();
  return Result;
}

/// What LLVM prints when an allocation fails, under the worker's limit.
bool ranOutOfMemory(llvm::StringRef Log) {
  return Log.contains("LLVM ERROR: out of memory") ||
         Log.contains("std::bad_alloc");
}

/// \p Commands as a compilation database of their own.
llvm::Error writeDatabase(llvm::StringRef Path,
                          llvm::ArrayRef<tooling::CompileCommand> Commands) {
  llvm::json::Array Entries;
  for (const tooling::CompileCommand &Command : Commands) {
    llvm::json::Object Entry{
        {"directory", Command.Directory},
        {"file", Command.Filename},
        {"arguments", llvm::json::Array(Command.CommandLine)}};
    if (!Command.Output.empty())
      Entry["output"] = Command.Output;
    Entries.push_back(std::move(Entry));
  }
  std::error_code EC;
  llvm::raw_fd_ostream Out(Path, EC);
  if (EC)
    return llvm::createStringError(EC, "cannot write %s", Path.str().c_str());
  Out << llvm::json::Value(std::move(Entries));
  return llvm::Error::success();
}

} // namespace

WorkerOutcome lintInWorker(const WorkerSetup &Setup, llvm::StringRef File,
                           llvm::ArrayRef<tooling::CompileCommand> Commands) {
  WorkerOutcome Outcome;
  if (Commands.empty()) {
    Outcome.Failure = "the compilation database has no command for it";
    return Outcome;
  }
  TemporaryFile Database("json"), ResultFile("yaml"), LogFile("log");
  for (const TemporaryFile *Temporary : {&Database, &ResultFile, &LogFile})
    if (Temporary->path().empty()) {
      Outcome.Failure = "cannot create a temporary file: " + Temporary->error();
      return Outcome;
    }
  if (llvm::Error E = writeDatabase(Database.path(), Commands)) {
    Outcome.Failure = llvm::toString(std::move(E));
    return Outcome;
  }
  llvm::StringRef ResultPath = ResultFile.path(), LogPath = LogFile.path();

  std::vector<std::string> Args = {Setup.Self, "--worker-file=" + File.str(),
                                   "--worker-output=" + std::string(ResultPath),
                                   "-p=" + Database.path().str()};
  if (Setup.Checks.Checks)
    Args.push_back("--checks=" + *Setup.Checks.Checks);
  if (Setup.Checks.HeaderFilter)
    Args.push_back("--header-filter=" + *Setup.Checks.HeaderFilter);
  for (const std::string &Arg : Setup.ExtraArgsBefore)
    Args.push_back("--extra-arg-before=" + Arg);
  for (const std::string &Arg : Setup.ExtraArgs)
    Args.push_back("--extra-arg=" + Arg);
  ProcessResult Exit = runProcess(Args, LogPath, LogPath, Setup.TimeoutSeconds,
                                  Setup.MemoryLimitMiB);
  auto Log = llvm::MemoryBuffer::getFile(LogPath);
  llvm::StringRef LogText = Log ? (*Log)->getBuffer() : "";

  if (!Exit.Started) {
    Outcome.Failure = "cannot start " + Setup.Self + ": " + Exit.Message;
  } else if (Exit.TimedOut) {
    Outcome.Failure = "not finished after " +
                      std::to_string(Setup.TimeoutSeconds) +
                      " seconds (--timeout); the worker was stopped";
  } else if (Setup.MemoryLimitMiB && ranOutOfMemory(LogText)) {
    Outcome.Failure = "needed more than " +
                      std::to_string(Setup.MemoryLimitMiB) +
                      " MiB of memory (--memory-limit); the worker was "
                      "stopped";
  } else if (Exit.Crashed) {
    Outcome.Failure = "coroscope-lint crashed (" + Exit.Message +
                      ") while linting this file; the other files are "
                      "still linted" +
                      crashContext(LogText);
  } else if (Exit.Status != 0) {
    Outcome.Failure = "the worker for this file failed with exit status " +
                      std::to_string(Exit.Status) + crashContext(LogText);
  } else if (auto Result = llvm::MemoryBuffer::getFile(ResultPath)) {
    tooling::TranslationUnitDiagnostics Diagnostics;
    llvm::yaml::Input YAML((*Result)->getBuffer());
    YAML >> Diagnostics;
    if (YAML.error())
      Outcome.Failure = "the worker's result " + ResultPath.str() +
                        " cannot be read: " + YAML.error().message();
    else
      Outcome.Diagnostics = std::move(Diagnostics);
  } else {
    Outcome.Failure =
        "the worker wrote no result: " + Result.getError().message();
  }
  return Outcome;
}

} // namespace clang::tidy::coroscope::lint
