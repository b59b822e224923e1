//===--- Baseline.cpp - findings accepted earlier -------------------------===//

#include "Baseline.h"
#include "Paths.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include <tuple>

namespace clang::tidy::coroscope::lint {

namespace {

constexpr int BaselineVersion = 1;

std::string withoutWhitespace(llvm::StringRef Text) {
  std::string Result;
  for (char C : Text)
    if (!llvm::isSpace(C))
      Result += C;
  return Result;
}

std::string identity(const BaselineEntry &E) {
  return E.Check + '\0' + E.File + '\0' + E.Message + '\0' +
         withoutWhitespace(E.Source);
}

} // namespace

BaselineEntry baselineEntry(const Finding &F, llvm::StringRef Root) {
  return {F.Check, projectPath(F.Where.File, Root), F.Message,
          llvm::StringRef(F.SourceLine).trim().str()};
}

void assignFingerprints(std::vector<Finding> &Findings, llvm::StringRef Root) {
  llvm::StringMap<unsigned> Seen;
  for (Finding &F : Findings) {
    std::string Identity = identity(baselineEntry(F, Root));
    unsigned Occurrence = Seen[Identity]++;
    F.Fingerprint = llvm::utohexstr(
        llvm::xxh3_64bits(Identity + '\0' + std::to_string(Occurrence)),
        /*LowerCase=*/true, /*Width=*/16);
  }
}

bool fromJSON(const llvm::json::Value &Value, BaselineEntry &E,
              llvm::json::Path Path) {
  llvm::json::ObjectMapper Object(Value, Path);
  return Object && Object.map("check", E.Check) && Object.map("file", E.File) &&
         Object.map("message", E.Message) && Object.map("source", E.Source);
}

llvm::json::Value toJSON(const BaselineEntry &E) {
  return llvm::json::Object{{"check", E.Check},
                            {"file", E.File},
                            {"message", E.Message},
                            {"source", E.Source}};
}

llvm::Expected<std::vector<BaselineEntry>> readBaseline(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(
        Buffer.getError(), "cannot read the baseline %s: %s",
        Path.str().c_str(), Buffer.getError().message().c_str());
  llvm::Expected<llvm::json::Value> Document =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Document)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(), "the baseline %s is not JSON: %s",
        Path.str().c_str(), llvm::toString(Document.takeError()).c_str());
  std::vector<BaselineEntry> Entries;
  int64_t Version = 0;
  llvm::json::Path::Root Where("baseline");
  llvm::json::ObjectMapper Object(*Document, Where);
  if (!Object || !Object.map("version", Version) ||
      !Object.map("findings", Entries))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(), "the baseline %s is malformed: %s",
        Path.str().c_str(), llvm::toString(Where.getError()).c_str());
  if (Version != BaselineVersion)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "the baseline %s has version %d; this coroscope-lint reads version %d",
        Path.str().c_str(), static_cast<int>(Version), BaselineVersion);
  return Entries;
}

llvm::Error writeBaseline(llvm::StringRef Path,
                          std::vector<BaselineEntry> Entries) {
  llvm::sort(Entries, [](const BaselineEntry &A, const BaselineEntry &B) {
    return std::tie(A.File, A.Check, A.Message, A.Source) <
           std::tie(B.File, B.Check, B.Message, B.Source);
  });
  std::error_code EC;
  llvm::raw_fd_ostream Out(Path, EC, llvm::sys::fs::OF_Text);
  if (EC)
    return llvm::createStringError(EC, "cannot write the baseline %s: %s",
                                   Path.str().c_str(), EC.message().c_str());
  llvm::json::Array Findings;
  for (const BaselineEntry &E : Entries)
    Findings.push_back(toJSON(E));
  Out << llvm::formatv(
      "{0:2}\n",
      llvm::json::Value(llvm::json::Object{
          {"version", BaselineVersion},
          {"comment", "Findings of coroscope-lint accepted when the gate was "
                      "introduced; only findings not listed here fail it. "
                      "Regenerate with --update-baseline."},
          {"findings", std::move(Findings)}}));
  return llvm::Error::success();
}

BaselineMatch
matchBaseline(std::vector<Finding> Findings,
              llvm::ArrayRef<BaselineEntry> Baseline, llvm::StringRef Root,
              llvm::function_ref<bool(llvm::StringRef File)> Covered) {
  struct Unmatched {
    unsigned Count = 0;
    bool Covered = false;
  };
  llvm::StringMap<Unmatched> Remaining;
  for (const BaselineEntry &E : Baseline) {
    Unmatched &U = Remaining[identity(E)];
    ++U.Count;
    U.Covered = Covered(E.File);
  }
  BaselineMatch Match;
  for (Finding &F : Findings) {
    auto It = Remaining.find(identity(baselineEntry(F, Root)));
    if (It != Remaining.end() && It->second.Count > 0) {
      --It->second.Count;
      Match.Known.push_back(std::move(F));
    } else {
      Match.New.push_back(std::move(F));
    }
  }
  for (const auto &Entry : Remaining)
    if (Entry.second.Covered)
      Match.Gone += Entry.second.Count;
  return Match;
}

std::vector<BaselineEntry>
updatedBaseline(llvm::ArrayRef<BaselineEntry> Old,
                llvm::ArrayRef<Finding> Findings, llvm::StringRef Root,
                llvm::function_ref<bool(llvm::StringRef File)> Covered) {
  std::vector<BaselineEntry> Result;
  llvm::StringSet<> Reported;
  for (const Finding &F : Findings) {
    Result.push_back(baselineEntry(F, Root));
    Reported.insert(Result.back().File);
  }
  for (const BaselineEntry &E : Old)
    if (!Covered(E.File) && !Reported.contains(E.File))
      Result.push_back(E);
  return Result;
}

} // namespace clang::tidy::coroscope::lint
