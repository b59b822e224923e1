//===--- Reports.cpp - text, JSON, SARIF, GitHub and GitLab reports -------===//

#include "Reports.h"
#include "Paths.h"
#include "RuleHelp.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/xxhash.h"

namespace clang::tidy::coroscope::lint {

namespace json = llvm::json;

namespace {

const char *levelName(Severity Level) {
  return Level == Severity::Error ? "error" : "warning";
}

//===--- text -------------------------------------------------------------===//

/// Spaces up to the byte \p Column of \p Line, keeping its tabs so that the
/// result lines up under it in a terminal.
std::string indentTo(llvm::StringRef Line, unsigned Column) {
  std::string Result;
  llvm::StringRef Before = Line.take_front(Column - 1);
  for (char C : Before)
    if (C == '\t')
      Result += '\t';
    else if ((static_cast<unsigned char>(C) & 0xC0) != 0x80)
      Result += ' ';
  return Result;
}

void writeLocation(llvm::raw_ostream &Out, const Span &Where,
                   llvm::StringRef Directory) {
  if (Where.File.empty())
    return;
  Out << projectPath(Where.File, Directory);
  if (Where.Begin.Line)
    Out << ':' << Where.Begin.Line << ':' << Where.Begin.Column;
  Out << ": ";
}

void writeSourceAndCaret(llvm::raw_ostream &Out, const Finding &F) {
  if (!F.Where.Begin.Line)
    return;
  // clang's layout: the line number right-aligned in five columns.
  std::string Gutter = std::to_string(F.Where.Begin.Line);
  Gutter.insert(0, Gutter.size() < 5 ? 5 - Gutter.size() : 0, ' ');
  std::string Blank(Gutter.size(), ' ');
  Out << Gutter << " | " << F.SourceLine << '\n';
  std::string Indent = indentTo(F.SourceLine, F.Where.Begin.Column);
  unsigned Underline = 0;
  if (F.Where.End.Line == F.Where.Begin.Line &&
      F.Where.End.CharColumn > F.Where.Begin.CharColumn + 1)
    Underline = F.Where.End.CharColumn - F.Where.Begin.CharColumn - 1;
  Out << Blank << " | " << Indent << '^' << std::string(Underline, '~') << '\n';
  for (const Edit &E : F.Fix)
    if (E.Where.File == F.Where.File &&
        E.Where.Begin.Line == F.Where.Begin.Line &&
        !llvm::StringRef(E.Text).contains('\n'))
      Out << Blank << " | " << indentTo(F.SourceLine, E.Where.Begin.Column)
          << E.Text << '\n';
}

//===--- JSON -------------------------------------------------------------===//

json::Object jsonSpan(const Span &Where, llvm::StringRef Root) {
  json::Object Result{{"file", projectPath(Where.File, Root)}};
  if (Where.Begin.Line) {
    Result["line"] = Where.Begin.Line;
    Result["column"] = Where.Begin.Column;
    Result["end_line"] = Where.End.Line;
    Result["end_column"] = Where.End.Column;
  }
  return Result;
}

json::Object jsonFinding(const Finding &F, llvm::StringRef Root) {
  json::Object Result = jsonSpan(F.Where, Root);
  Result["check"] = F.Check;
  Result["level"] = levelName(F.Level);
  Result["message"] = F.Message;
  Result["fingerprint"] = F.Fingerprint;
  json::Array Notes, Fixes;
  for (const Note &N : F.Notes) {
    json::Object Note = jsonSpan(N.Where, Root);
    Note["message"] = N.Message;
    Notes.push_back(std::move(Note));
  }
  for (const Edit &E : F.Fix) {
    json::Object Fix = jsonSpan(E.Where, Root);
    Fix["offset"] = E.Where.Offset;
    Fix["length"] = E.Where.Length;
    Fix["text"] = E.Text;
    Fixes.push_back(std::move(Fix));
  }
  Result["notes"] = std::move(Notes);
  Result["fixes"] = std::move(Fixes);
  return Result;
}

json::Object jsonError(const ToolError &E, llvm::StringRef Root) {
  json::Object Result{{"file", projectPath(E.File, Root)},
                      {"message", E.Message}};
  if (E.Where)
    Result["location"] = jsonSpan(*E.Where, Root);
  return Result;
}

//===--- SARIF ------------------------------------------------------------===//

constexpr llvm::StringLiteral SourceRoot = "%SRCROOT%";

/// Percent-encodes what a URI path may not hold as is.
std::string uriPath(llvm::StringRef Path) {
  std::string Result;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/").contains(C))
      Result += static_cast<char>(C);
    else
      Result += "%" + llvm::utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return Result;
}

json::Object artifactLocation(llvm::StringRef File, llvm::StringRef Root) {
  std::string Relative = projectPath(File, Root);
  if (Relative != File)
    return json::Object{{"uri", uriPath(Relative)}, {"uriBaseId", SourceRoot}};
  return json::Object{{"uri", "file://" + uriPath(File)}};
}

/// An empty span is a point: as a replacement's deletedRegion it is where
/// text is inserted, as a location SARIF extends it to the end of the line.
json::Object region(const Span &Where, bool IsPoint = false) {
  json::Object Region{{"startLine", Where.Begin.Line},
                      {"startColumn", Where.Begin.CharColumn}};
  if (Where.Length > 0 || IsPoint) {
    Region["endLine"] = Where.End.Line;
    Region["endColumn"] = Where.End.CharColumn;
  }
  return Region;
}

json::Object physicalLocation(const Span &Where, llvm::StringRef Root) {
  json::Object Result{{"artifactLocation", artifactLocation(Where.File, Root)}};
  if (Where.Begin.Line)
    Result["region"] = region(Where);
  return Result;
}

// json::Value keeps a StringRef by reference: message texts are copied.
json::Object text(std::string Text) {
  return json::Object{{"text", std::move(Text)}};
}

/// A rule's human-readable name: coroscope-unawaited-awaitable is
/// UnawaitedAwaitable.
std::string ruleName(llvm::StringRef Check) {
  Check.consume_front("coroscope-");
  llvm::SmallVector<llvm::StringRef> Words;
  Check.split(Words, '-');
  std::string Name;
  for (llvm::StringRef Word : Words)
    if (!Word.empty())
      Name += llvm::toUpper(Word.front()) + Word.drop_front().str();
  return Name;
}

json::Object sarifRule(llvm::StringRef Check) {
  json::Object Rule{
      {"id", Check},
      {"name", ruleName(Check)},
      {"defaultConfiguration", json::Object{{"level", "warning"}}}};
  if (const RuleHelp *Help = findRuleHelp(Check)) {
    Rule["shortDescription"] = text(Help->Summary.str());
    Rule["fullDescription"] = text(Help->Description.str());
    Rule["help"] =
        json::Object{{"text", Help->Markdown}, {"markdown", Help->Markdown}};
    Rule["helpUri"] = (COROSCOPE_DOCS_URL "/" + Check + ".md").str();
  } else {
    Rule["shortDescription"] = text("coroscope check " + Check.str());
  }
  return Rule;
}

json::Array sarifFixes(const Finding &F, llvm::StringRef Root) {
  if (F.Fix.empty())
    return {};
  // One fix whose replacements are grouped by file, as SARIF wants them.
  std::vector<std::string> Files;
  llvm::StringMap<json::Array> Replacements;
  for (const Edit &E : F.Fix) {
    auto [It, Inserted] = Replacements.try_emplace(E.Where.File);
    if (Inserted)
      Files.push_back(E.Where.File);
    json::Object Replacement{{"deletedRegion", region(E.Where, true)}};
    if (!E.Text.empty())
      Replacement["insertedContent"] = text(E.Text);
    It->second.push_back(std::move(Replacement));
  }
  json::Array Changes;
  for (const std::string &File : Files)
    Changes.push_back(
        json::Object{{"artifactLocation", artifactLocation(File, Root)},
                     {"replacements", std::move(Replacements[File])}});
  return json::Array{
      json::Object{{"description", text("apply the fix-it of " + F.Check)},
                   {"artifactChanges", std::move(Changes)}}};
}

json::Object sarifResult(const Finding &F, unsigned RuleIndex,
                         const RunFacts &Run, llvm::StringRef BaselineState) {
  json::Object Result{{"ruleId", F.Check},
                      {"ruleIndex", RuleIndex},
                      {"level", levelName(F.Level)},
                      {"message", text(F.Message)},
                      {"partialFingerprints",
                       json::Object{{"coroscopeFinding/v1", F.Fingerprint}}}};
  if (!F.Where.File.empty())
    Result["locations"] = json::Array{json::Object{
        {"physicalLocation", physicalLocation(F.Where, Run.Root)}}};
  json::Array Related;
  for (const Note &N : F.Notes) {
    json::Object Location{{"id", static_cast<int64_t>(Related.size())},
                          {"message", text(N.Message)}};
    if (!N.Where.File.empty())
      Location["physicalLocation"] = physicalLocation(N.Where, Run.Root);
    Related.push_back(std::move(Location));
  }
  if (!Related.empty())
    Result["relatedLocations"] = std::move(Related);
  json::Array Fixes = sarifFixes(F, Run.Root);
  if (!Fixes.empty())
    Result["fixes"] = std::move(Fixes);
  if (Run.BaselinePath)
    Result["baselineState"] = BaselineState;
  return Result;
}

json::Object sarifNotification(const ToolError &E, const RunFacts &Run) {
  json::Object Notification{{"level", "error"}, {"message", text(E.Message)}};
  Span Where = E.Where ? *E.Where : Span{E.File, 0, 0, {}, {}};
  Notification["locations"] = json::Array{
      json::Object{{"physicalLocation", physicalLocation(Where, Run.Root)}}};
  return Notification;
}

} // namespace

void writeText(llvm::raw_ostream &Out, const Results &R,
               llvm::StringRef Directory) {
  for (const Finding &F : R.Findings) {
    writeLocation(Out, F.Where, Directory);
    Out << levelName(F.Level) << ": " << F.Message << " [" << F.Check << "]\n";
    writeSourceAndCaret(Out, F);
    for (const Note &N : F.Notes) {
      writeLocation(Out, N.Where, Directory);
      Out << "note: " << N.Message << '\n';
    }
  }
}

void writeJSON(llvm::raw_ostream &Out, const Results &R, const RunFacts &Run) {
  json::Array Findings, Errors;
  for (const Finding &F : R.Findings)
    Findings.push_back(jsonFinding(F, Run.Root));
  for (const ToolError &E : R.Errors)
    Errors.push_back(jsonError(E, Run.Root));
  json::Object Document{{"version", 1},
                        {"tool", json::Object{{"name", "coroscope-lint"},
                                              {"version", COROSCOPE_VERSION},
                                              {"llvm", CLANG_VERSION_STRING}}},
                        {"root", Run.Root},
                        {"files", json::Object{{"selected", Run.FilesSelected},
                                               {"linted", Run.FilesLinted}}},
                        {"findings", std::move(Findings)},
                        {"errors", std::move(Errors)}};
  if (Run.Shard)
    Document["shard"] = *Run.Shard;
  if (Run.BaselinePath)
    Document["baseline"] = json::Object{{"file", *Run.BaselinePath},
                                        {"known", Run.BaselineKnown},
                                        {"gone", Run.BaselineGone}};
  Out << llvm::formatv("{0:2}\n", json::Value(std::move(Document)));
}

void writeSARIF(llvm::raw_ostream &Out, const Results &R, const RunFacts &Run) {
  json::Array Rules;
  llvm::StringMap<unsigned> RuleIndex;
  for (const std::string &Check : Run.Rules) {
    RuleIndex[Check] = Rules.size();
    Rules.push_back(sarifRule(Check));
  }
  json::Array Results;
  auto AddResults = [&](llvm::ArrayRef<Finding> Findings,
                        llvm::StringRef BaselineState) {
    for (const Finding &F : Findings) {
      auto [It, Inserted] = RuleIndex.try_emplace(F.Check, Rules.size());
      if (Inserted)
        Rules.push_back(sarifRule(F.Check));
      Results.push_back(sarifResult(F, It->second, Run, BaselineState));
    }
  };
  AddResults(R.Findings, "new");
  AddResults(R.Baselined, "unchanged");
  json::Array Notifications;
  for (const ToolError &E : R.Errors)
    Notifications.push_back(sarifNotification(E, Run));

  std::string RootURI = "file://" + uriPath(Run.Root);
  if (!llvm::StringRef(RootURI).ends_with("/"))
    RootURI += '/';
  json::Object TheRun{
      {"tool",
       json::Object{
           {"driver", json::Object{{"name", "coroscope-lint"},
                                   {"version", COROSCOPE_VERSION},
                                   {"semanticVersion", COROSCOPE_VERSION},
                                   {"rules", std::move(Rules)}}}}},
      {"originalUriBaseIds",
       json::Object{{SourceRoot, json::Object{{"uri", RootURI}}}}},
      {"columnKind", "unicodeCodePoints"},
      {"invocations",
       json::Array{json::Object{
           {"executionSuccessful", R.Errors.empty()},
           {"toolExecutionNotifications", std::move(Notifications)}}}},
      {"results", std::move(Results)}};
  if (Run.SarifCategory)
    TheRun["automationDetails"] =
        json::Object{{"id", *Run.SarifCategory + "/"}};
  json::Object Log{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                   {"version", "2.1.0"},
                   {"runs", json::Array{std::move(TheRun)}}};
  Out << llvm::formatv("{0:2}\n", json::Value(std::move(Log)));
}

//===--- GitHub -----------------------------------------------------------===//

namespace {

/// Escapes a workflow command's message; \p InProperty escapes what a
/// property value may not hold either.
std::string escapeCommand(llvm::StringRef Text, bool InProperty) {
  std::string Result;
  for (char C : Text) {
    if (C == '%')
      Result += "%25";
    else if (C == '\r')
      Result += "%0D";
    else if (C == '\n')
      Result += "%0A";
    else if (InProperty && C == ':')
      Result += "%3A";
    else if (InProperty && C == ',')
      Result += "%2C";
    else
      Result += C;
  }
  return Result;
}

void writeAnnotation(llvm::raw_ostream &Out, llvm::StringRef Level,
                     const Span *Where, llvm::StringRef Title,
                     const std::string &Message, llvm::StringRef Root) {
  Out << "::" << Level << ' ';
  if (Where && !Where->File.empty()) {
    Out << "file=" << escapeCommand(projectPath(Where->File, Root), true);
    if (Where->Begin.Line) {
      Out << ",line=" << Where->Begin.Line
          << ",col=" << Where->Begin.CharColumn;
      if (Where->End.Line) {
        Out << ",endLine=" << Where->End.Line;
        if (Where->End.Line == Where->Begin.Line)
          Out << ",endColumn=" << Where->End.CharColumn;
      }
    }
    Out << ',';
  }
  Out << "title=" << escapeCommand(Title, true)
      << "::" << escapeCommand(Message, false) << '\n';
}

} // namespace

void writeGitHub(llvm::raw_ostream &Out, const Results &R,
                 const RunFacts &Run) {
  for (const Finding &F : R.Findings) {
    std::string Message = F.Message;
    for (const Note &N : F.Notes) {
      Message += "\nnote: ";
      if (!N.Where.File.empty() && N.Where.Begin.Line)
        Message += projectPath(N.Where.File, Run.Root) + ":" +
                   std::to_string(N.Where.Begin.Line) + ": ";
      Message += N.Message;
    }
    writeAnnotation(Out, levelName(F.Level), &F.Where, F.Check, Message,
                    Run.Root);
  }
  for (const ToolError &E : R.Errors) {
    Span FileOnly{E.File, 0, 0, {}, {}};
    writeAnnotation(Out, "error", E.Where ? &*E.Where : &FileOnly,
                    "coroscope-lint: file not linted", E.Message, Run.Root);
  }
}

//===--- GitLab -----------------------------------------------------------===//

void writeGitLab(llvm::raw_ostream &Out, const Results &R,
                 const RunFacts &Run) {
  json::Array Issues;
  auto Issue = [&](std::string Description, llvm::StringRef CheckName,
                   std::string Fingerprint, llvm::StringRef Severity,
                   llvm::StringRef File, unsigned Line) {
    Issues.push_back(json::Object{
        {"description", std::move(Description)},
        {"check_name", CheckName},
        {"fingerprint", std::move(Fingerprint)},
        {"severity", Severity},
        {"location",
         json::Object{
             {"path", projectPath(File, Run.Root)},
             {"lines", json::Object{{"begin", std::max(Line, 1u)}}}}}});
  };
  for (const Finding &F : R.Findings)
    Issue(F.Message, F.Check, F.Fingerprint,
          F.Level == Severity::Error ? "critical" : "major", F.Where.File,
          F.Where.Begin.Line);
  // An error is no finding, but a merge request should show it too: the
  // file it spoils was not linted.
  for (const ToolError &E : R.Errors)
    Issue("not linted: " + E.Message, "coroscope-lint-error",
          llvm::utohexstr(llvm::xxh3_64bits(E.File + '\0' + E.Message),
                          /*LowerCase=*/true, /*Width=*/16),
          "blocker", E.Where ? E.Where->File : E.File,
          E.Where ? E.Where->Begin.Line : 0);
  Out << llvm::formatv("{0:2}\n", json::Value(std::move(Issues)));
}

} // namespace clang::tidy::coroscope::lint
