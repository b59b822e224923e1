//===--- Fixes.cpp - the checks' fix-its, applied or exported -------------===//

#include "Fixes.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::coroscope::lint {

namespace {

tooling::Replacement replacement(const Edit &E) {
  return tooling::Replacement(E.Where.File, E.Where.Offset, E.Where.Length,
                              E.Text);
}

/// Replaces \p File by \p Text without ever leaving it half written.
llvm::Error writeWhole(llvm::StringRef File, llvm::StringRef Text) {
  llvm::SmallString<256> Temporary;
  int FD;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(
          File + ".coroscope-fix-%%%%%%", FD, Temporary))
    return llvm::createStringError(EC, "cannot write next to it: %s",
                                   EC.message().c_str());
  {
    llvm::raw_fd_ostream Out(FD, /*shouldClose=*/true);
    Out << Text;
    Out.close();
    if (Out.has_error()) {
      llvm::sys::fs::remove(Temporary);
      return llvm::createStringError(Out.error(), "cannot write %s: %s",
                                     Temporary.c_str(),
                                     Out.error().message().c_str());
    }
  }
  // The rewritten file keeps the original's permissions.
  if (llvm::ErrorOr<llvm::sys::fs::perms> Permissions =
          llvm::sys::fs::getPermissions(File))
    llvm::sys::fs::setPermissions(Temporary, *Permissions);
  if (std::error_code EC = llvm::sys::fs::rename(Temporary, File)) {
    llvm::sys::fs::remove(Temporary);
    return llvm::createStringError(EC, "cannot replace it: %s",
                                   EC.message().c_str());
  }
  return llvm::Error::success();
}

} // namespace

FixOutcome applyFixes(llvm::ArrayRef<Finding> Findings) {
  FixOutcome Outcome;
  llvm::StringMap<tooling::Replacements> ByFile;
  llvm::StringSet<> Taken; // Edits already in ByFile, as file, range, text.
  for (const Finding &F : Findings) {
    if (F.Fix.empty())
      continue;
    // All of a finding's edits or none: a part of a fix may not compile.
    llvm::StringMap<tooling::Replacements> Tentative = ByFile;
    std::vector<std::string> Keys;
    bool Fits = true;
    for (const Edit &E : F.Fix) {
      std::string Key = E.Where.File + '\0' + std::to_string(E.Where.Offset) +
                        '\0' + std::to_string(E.Where.Length) + '\0' + E.Text;
      if (Taken.contains(Key) || llvm::is_contained(Keys, Key))
        continue;
      Keys.push_back(Key);
      if (llvm::Error Conflict = Tentative[E.Where.File].add(replacement(E))) {
        llvm::consumeError(std::move(Conflict));
        Fits = false;
        break;
      }
    }
    if (!Fits) {
      Outcome.Conflicting.push_back(&F);
      continue;
    }
    ByFile = std::move(Tentative);
    for (std::string &Key : Keys)
      Taken.insert(std::move(Key));
    ++Outcome.Applied;
  }
  for (const auto &[File, Replacements] : ByFile) {
    auto Code = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
    if (!Code) {
      Outcome.Errors.push_back(
          {File.str(),
           "cannot read it to apply fixes: " + Code.getError().message(),
           std::nullopt});
      continue;
    }
    llvm::Expected<std::string> Fixed =
        tooling::applyAllReplacements((*Code)->getBuffer(), Replacements);
    llvm::Error Written = Fixed ? writeWhole(File, *Fixed) : Fixed.takeError();
    if (Written)
      Outcome.Errors.push_back(
          {File.str(),
           "fixes not applied: " + llvm::toString(std::move(Written)),
           std::nullopt});
    else
      ++Outcome.Files;
  }
  return Outcome;
}

llvm::Error exportFixes(llvm::StringRef Path,
                        llvm::ArrayRef<Finding> Findings) {
  auto Message = [](llvm::StringRef Text, const Span &Where) {
    tooling::DiagnosticMessage Result;
    Result.Message = Text.str();
    Result.FilePath = Where.File;
    Result.FileOffset = Where.Offset;
    return Result;
  };
  tooling::TranslationUnitDiagnostics Export;
  for (const Finding &F : Findings) {
    tooling::DiagnosticMessage Main = Message(F.Message, F.Where);
    for (const Edit &E : F.Fix)
      // They came out of one tooling::Replacements, so they do not overlap.
      llvm::cantFail(Main.Fix[E.Where.File].add(replacement(E)));
    llvm::SmallVector<tooling::DiagnosticMessage, 1> Notes;
    for (const Note &N : F.Notes)
      Notes.push_back(Message(N.Message, N.Where));
    Export.Diagnostics.emplace_back(F.Check, Main, Notes,
                                    F.Level == Severity::Error
                                        ? tooling::Diagnostic::Error
                                        : tooling::Diagnostic::Warning,
                                    /*BuildDirectory=*/"");
  }
  std::error_code EC;
  llvm::raw_fd_ostream Out(Path, EC, llvm::sys::fs::OF_Text);
  if (EC)
    return llvm::createStringError(EC, "cannot write %s: %s",
                                   Path.str().c_str(), EC.message().c_str());
  llvm::yaml::Output YAML(Out);
  YAML << Export;
  return llvm::Error::success();
}

} // namespace clang::tidy::coroscope::lint
