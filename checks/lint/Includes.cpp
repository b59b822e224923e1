//===--- Includes.cpp - which translation units include a header ----------===//

#include "Includes.h"
#include "Paths.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <mutex>

namespace clang::tidy::coroscope::lint {

bool mayBeIncluded(llvm::StringRef File) {
  llvm::StringRef Extension = llvm::sys::path::extension(File);
  return Extension.empty() ||
         llvm::is_contained({".h", ".hh", ".hpp", ".hxx", ".h++", ".H", ".inc",
                             ".inl", ".ipp", ".tpp", ".tcc", ".def"},
                            Extension);
}

namespace {

/// Stops the preprocessor's walk at the first file it enters that is one of
/// the headers looked for.
class HeaderSpotter : public PPCallbacks {
public:
  HeaderSpotter(const SourceManager &Sources, llvm::StringRef Directory,
                const llvm::StringSet<> &Headers, bool &Found)
      : Sources(Sources), Directory(Directory), Headers(Headers), Found(Found) {
  }

  void FileChanged(SourceLocation Loc, FileChangeReason Reason,
                   SrcMgr::CharacteristicKind, FileID) override {
    if (Found || Reason != EnterFile)
      return;
    if (OptionalFileEntryRef File =
            Sources.getFileEntryRefForID(Sources.getFileID(Loc)))
      Found = Headers.contains(absolutePath(File->getName(), Directory));
  }

private:
  const SourceManager &Sources;
  std::string Directory;
  const llvm::StringSet<> &Headers;
  bool &Found;
};

class SpotHeaders : public PreprocessOnlyAction {
public:
  SpotHeaders(const llvm::StringSet<> &Headers, llvm::StringRef Directory,
              bool &Found)
      : Headers(Headers), Directory(Directory), Found(Found) {}

  bool BeginSourceFileAction(CompilerInstance &Compiler) override {
    Compiler.getPreprocessor().addPPCallbacks(std::make_unique<HeaderSpotter>(
        Compiler.getSourceManager(), Directory, Headers, Found));
    return true;
  }

private:
  const llvm::StringSet<> &Headers;
  std::string Directory;
  bool &Found;
};

/// Whether the unit compiled by \p Command includes one of \p Headers, or
/// cannot be preprocessed.
bool includesAny(const tooling::CompileCommand &Command,
                 const llvm::StringSet<> &Headers,
                 const tooling::ArgumentsAdjuster &Adjust) {
  // A file system of its own: ClangTool's would change the working
  // directory of the whole process, under the other threads' feet.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FileSystem =
      llvm::vfs::createPhysicalFileSystem();
  if (FileSystem->setCurrentWorkingDirectory(Command.Directory))
    return true;
  FileSystemOptions Options;
  Options.WorkingDir = Command.Directory;
  auto Files = llvm::makeIntrusiveRefCnt<FileManager>(Options, FileSystem);
  bool Found = false;
  tooling::ToolInvocation Invocation(
      Adjust(Command.CommandLine, Command.Filename),
      std::make_unique<SpotHeaders>(Headers, Command.Directory, Found),
      Files.get());
  IgnoringDiagConsumer Quiet;
  Invocation.setDiagnosticConsumer(&Quiet);
  bool Preprocessed = Invocation.run();
  return Found || !Preprocessed;
}

} // namespace

std::vector<std::string>
includersOf(llvm::ArrayRef<std::string> Headers,
            const llvm::StringMap<std::vector<tooling::CompileCommand>> &Units,
            const WorkerSetup &Setup, unsigned Jobs) {
  // Each header as git names it and as its real path, since an include path
  // may reach the checkout through a symbolic link.
  llvm::StringSet<> Wanted;
  for (const std::string &Header : Headers) {
    Wanted.insert(absolutePath(Header));
    llvm::SmallString<256> Real;
    if (!llvm::sys::fs::real_path(Header, Real))
      Wanted.insert(Real);
  }
  tooling::ArgumentsAdjuster Adjust = tooling::combineAdjusters(
      tooling::combineAdjusters(tooling::getClangSyntaxOnlyAdjuster(),
                                tooling::getClangStripOutputAdjuster()),
      tooling::combineAdjusters(tooling::getClangStripDependencyFileAdjuster(),
                                compileCommandAdjuster(Setup)));
  std::mutex Lock;
  std::vector<std::string> Result;
  {
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
    for (const auto &Unit : Units)
      Pool.async([&, File = Unit.getKey().str()] {
        bool Includes = llvm::any_of(
            Unit.getValue(), [&](const tooling::CompileCommand &Command) {
              return includesAny(Command, Wanted, Adjust);
            });
        if (Includes) {
          std::lock_guard<std::mutex> Guard(Lock);
          Result.push_back(File);
        }
      });
    Pool.wait();
  }
  llvm::sort(Result);
  return Result;
}

} // namespace clang::tidy::coroscope::lint
