//===--- Findings.cpp - what coroscope-lint reports -----------------------===//

#include "Findings.h"
#include "Paths.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <tuple>

namespace clang::tidy::coroscope::lint {

namespace {

// What ClangTidyCheck::configurationDiag names its diagnostics.
constexpr llvm::StringLiteral ConfigurationDiagnostic = "clang-tidy-config";

// clang-tidy never reports more than the first errors of a file usefully: the
// rest are usually consequences.
constexpr unsigned MaxErrorsPerFile = 10;

bool isContinuationByte(char C) {
  return (static_cast<unsigned char>(C) & 0xC0) == 0x80;
}

} // namespace

const SourceFiles::Source *SourceFiles::load(llvm::StringRef File) {
  auto [It, Inserted] = Cache.try_emplace(File);
  if (Inserted) {
    auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (Buffer) {
      Source S;
      S.Buffer = std::move(*Buffer);
      S.LineStarts.push_back(0);
      llvm::StringRef Text = S.Buffer->getBuffer();
      for (unsigned I = 0; I < Text.size(); ++I)
        if (Text[I] == '\n')
          S.LineStarts.push_back(I + 1);
      It->second = std::move(S);
    }
  }
  return It->second ? &*It->second : nullptr;
}

Position SourceFiles::position(const Source &S, unsigned Offset) const {
  llvm::StringRef Text = S.Buffer->getBuffer();
  if (Offset > Text.size())
    return {};
  auto Next =
      std::upper_bound(S.LineStarts.begin(), S.LineStarts.end(), Offset);
  unsigned Line = static_cast<unsigned>(Next - S.LineStarts.begin());
  unsigned LineStart = *(Next - 1);
  llvm::StringRef Before = Text.slice(LineStart, Offset);
  unsigned CodePoints = static_cast<unsigned>(
      llvm::count_if(Before, [](char C) { return !isContinuationByte(C); }));
  return {Line, Offset - LineStart + 1, CodePoints + 1};
}

Span SourceFiles::span(llvm::StringRef File, unsigned Offset, unsigned Length) {
  Span Result{File.str(), Offset, Length, {}, {}};
  if (const Source *S = load(File)) {
    Result.Begin = position(*S, Offset);
    Result.End = position(*S, Offset + Length);
  }
  return Result;
}

llvm::StringRef SourceFiles::lineAt(const Span &Where) {
  const Source *S = Where.Begin.Line ? load(Where.File) : nullptr;
  if (!S)
    return {};
  llvm::StringRef Text = S->Buffer->getBuffer();
  unsigned Start = S->LineStarts[Where.Begin.Line - 1];
  return Text.substr(Start)
      .take_until([](char C) { return C == '\n'; })
      .rtrim('\r');
}

namespace {

Span messageSpan(const tooling::DiagnosticMessage &Message,
                 llvm::StringRef BuildDirectory, SourceFiles &Sources) {
  if (Message.FilePath.empty())
    return {};
  std::string File = absolutePath(Message.FilePath, BuildDirectory);
  // The highlighted range that holds the location, as editors show it.
  unsigned Length = 0;
  for (const tooling::FileByteRange &Range : Message.Ranges)
    if (absolutePath(Range.FilePath, BuildDirectory) == File &&
        Range.FileOffset <= Message.FileOffset &&
        Message.FileOffset < Range.FileOffset + Range.Length) {
      Length = Range.FileOffset + Range.Length - Message.FileOffset;
      break;
    }
  return Sources.span(File, Message.FileOffset, Length);
}

Finding toFinding(const tooling::Diagnostic &D, SourceFiles &Sources) {
  Finding F;
  F.Check = D.DiagnosticName;
  F.Level = D.DiagLevel == tooling::Diagnostic::Error ? Severity::Error
                                                      : Severity::Warning;
  F.Message = D.Message.Message;
  F.Where = messageSpan(D.Message, D.BuildDirectory, Sources);
  F.SourceLine = Sources.lineAt(F.Where).str();
  for (const tooling::DiagnosticMessage &N : D.Notes)
    F.Notes.push_back({N.Message, messageSpan(N, D.BuildDirectory, Sources)});
  for (const auto &FileFix : D.Message.Fix)
    for (const tooling::Replacement &R : FileFix.second)
      F.Fix.push_back(
          {Sources.span(absolutePath(R.getFilePath(), D.BuildDirectory),
                        R.getOffset(), R.getLength()),
           R.getReplacementText().str()});
  return F;
}

} // namespace

FileResult interpret(const tooling::TranslationUnitDiagnostics &TU,
                     SourceFiles &Sources) {
  FileResult Result;
  unsigned CompileErrors = 0;
  for (const tooling::Diagnostic &D : TU.Diagnostics) {
    if (llvm::StringRef(D.DiagnosticName).starts_with("coroscope-")) {
      Result.Findings.push_back(toFinding(D, Sources));
      continue;
    }
    // A check that cannot use its options (a malformed entry, an invalid
    // regex, a value of the wrong type) checks less than it was told to.
    if (D.DiagnosticName == ConfigurationDiagnostic) {
      Result.Errors.push_back({TU.MainSourceFile,
                               "bad check option: " + D.Message.Message,
                               std::nullopt});
      continue;
    }
    if (D.DiagLevel != tooling::Diagnostic::Error)
      continue;
    if (++CompileErrors > MaxErrorsPerFile)
      continue;
    ToolError E{TU.MainSourceFile,
                D.Message.Message + " [" + D.DiagnosticName + "]",
                std::nullopt};
    Span Where = messageSpan(D.Message, D.BuildDirectory, Sources);
    if (!Where.File.empty())
      E.Where = std::move(Where);
    Result.Errors.push_back(std::move(E));
  }
  if (CompileErrors > MaxErrorsPerFile)
    Result.Errors.push_back({TU.MainSourceFile,
                             std::to_string(CompileErrors - MaxErrorsPerFile) +
                                 " more errors not shown",
                             std::nullopt});
  return Result;
}

namespace {
auto orderKey(const Finding &F) {
  return std::tie(F.Where.File, F.Where.Offset, F.Check, F.Message);
}
} // namespace

void sortFindings(std::vector<Finding> &Findings) {
  llvm::sort(Findings, [](const Finding &A, const Finding &B) {
    return orderKey(A) < orderKey(B);
  });
}

std::string duplicateKey(const Finding &F) {
  return F.Where.File + '\0' + std::to_string(F.Where.Offset) + '\0' + F.Check +
         '\0' + F.Message;
}

} // namespace clang::tidy::coroscope::lint
