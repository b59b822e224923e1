//===--- Selection.cpp - which files a run lints --------------------------===//

#include "Selection.h"
#include "Paths.h"
#include "Subprocess.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/xxhash.h"

namespace clang::tidy::coroscope::lint {

llvm::Expected<Shard> parseShard(llvm::StringRef Spec) {
  auto [IndexText, CountText] = Spec.split('/');
  Shard S;
  if (IndexText.getAsInteger(10, S.Index) ||
      CountText.getAsInteger(10, S.Count) || S.Count == 0 || S.Index == 0 ||
      S.Index > S.Count)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "--shard wants i/n with 1 <= i <= n (e.g. 2/4), not '%s'",
        Spec.str().c_str());
  return S;
}

bool inShard(llvm::StringRef ProjectPath, Shard S) {
  return llvm::xxh3_64bits(ProjectPath) % S.Count == S.Index - 1;
}

namespace {

/// git's standard output, or its complaint as the error.
llvm::Expected<std::string> git(llvm::StringRef Directory,
                                llvm::ArrayRef<std::string> Args) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return llvm::createStringError(Git.getError(),
                                   "git is needed but not on PATH");
  TemporaryFile OutFile("out"), ErrFile("err");
  if (OutFile.path().empty() || ErrFile.path().empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot create a temporary file: %s",
                                   OutFile.error().c_str());

  std::vector<std::string> Command = {*Git, "-C", Directory.str()};
  Command.insert(Command.end(), Args.begin(), Args.end());
  ProcessResult Exit = runProcess(Command, OutFile.path(), ErrFile.path());
  auto Out = llvm::MemoryBuffer::getFile(OutFile.path());
  auto Err = llvm::MemoryBuffer::getFile(ErrFile.path());
  if (!Exit.Started || Exit.Crashed || Exit.Status != 0 || !Out)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(), "`git %s` failed: %s",
        llvm::join(Args, " ").c_str(),
        (Err ? (*Err)->getBuffer().trim().str() : Exit.Message).c_str());
  return (*Out)->getBuffer().str();
}

} // namespace

llvm::Expected<std::string> gitTopLevel(llvm::StringRef Directory) {
  llvm::Expected<std::string> Out =
      git(Directory, {"rev-parse", "--show-toplevel"});
  if (!Out)
    return Out.takeError();
  return llvm::StringRef(*Out).trim().str();
}

llvm::Expected<std::vector<std::string>> changedFiles(llvm::StringRef Directory,
                                                      llvm::StringRef Ref) {
  llvm::Expected<std::string> TopLevel = gitTopLevel(Directory);
  if (!TopLevel)
    return TopLevel.takeError();
  llvm::Expected<std::string> Base =
      git(*TopLevel, {"merge-base", Ref.str(), "HEAD"});
  if (!Base)
    return Base.takeError();
  llvm::Expected<std::string> Names =
      git(*TopLevel, {"diff", "--name-only", "-z", "--no-renames",
                      "--diff-filter=d", llvm::StringRef(*Base).trim().str()});
  if (!Names)
    return Names.takeError();
  llvm::SmallVector<llvm::StringRef> Paths;
  llvm::StringRef(*Names).split(Paths, '\0', -1, /*KeepEmpty=*/false);
  std::vector<std::string> Result;
  for (llvm::StringRef Path : Paths)
    Result.push_back(absolutePath(Path, *TopLevel));
  return Result;
}

} // namespace clang::tidy::coroscope::lint
