//===--- Findings.h - what coroscope-lint reports ---------------*- C++ -*-===//
//
// The clang-tidy diagnostics of one translation unit, turned into what the
// reports need: coroscope findings with resolved positions and the source
// line they point at, and the errors that make a file's result incomplete.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_LINT_FINDINGS_H
#define COROSCOPE_CHECKS_LINT_FINDINGS_H

#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::coroscope::lint {

/// 1-based. Column counts bytes, as compilers and editors' error parsers do;
/// CharColumn counts code points, as SARIF's `unicodeCodePoints` does. Line 0
/// means the position is unknown (the file could not be read).
struct Position {
  unsigned Line = 0;
  unsigned Column = 0;
  unsigned CharColumn = 0;
};

/// A byte range of a file; End is one past its last byte.
struct Span {
  std::string File; ///< Absolute; empty for a diagnostic without location.
  unsigned Offset = 0;
  unsigned Length = 0;
  Position Begin;
  Position End;
};

struct Note {
  std::string Message;
  Span Where;
};

struct Edit {
  Span Where;
  std::string Text;
};

enum class Severity { Warning, Error };

struct Finding {
  std::string Check;
  Severity Level = Severity::Warning;
  std::string Message;
  Span Where;
  /// The line Where begins on, without its line break.
  std::string SourceLine;
  std::vector<Note> Notes;
  std::vector<Edit> Fix;
  /// Stable identity across edits elsewhere in the file (see Baseline.h).
  std::string Fingerprint;
};

/// Why the result for File is incomplete: it does not compile, its worker
/// crashed or timed out, it is missing from the compilation database, ...
struct ToolError {
  std::string File;
  std::string Message;
  std::optional<Span> Where;
};

/// Reads each source file once and resolves offsets into positions.
class SourceFiles {
public:
  Span span(llvm::StringRef File, unsigned Offset, unsigned Length);
  /// The text of the line \p Where begins on, empty when unknown.
  llvm::StringRef lineAt(const Span &Where);

private:
  struct Source {
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    std::vector<unsigned> LineStarts;
  };
  const Source *load(llvm::StringRef File);
  Position position(const Source &S, unsigned Offset) const;

  llvm::StringMap<std::optional<Source>> Cache;
};

/// What one translation unit yields for the reports.
struct FileResult {
  std::vector<Finding> Findings;
  std::vector<ToolError> Errors;
};

/// Keeps the diagnostics of coroscope checks as findings and turns compiler
/// errors into errors for \p TU's main file; compiler warnings are not the
/// gate's business.
FileResult interpret(const tooling::TranslationUnitDiagnostics &TU,
                     SourceFiles &Sources);

/// Findings in the order reports list them: by file, position, check.
void sortFindings(std::vector<Finding> &Findings);

/// Equal for the copies of one finding: a header's, from every translation
/// unit that includes it, or a file's, from each of its compile commands.
std::string duplicateKey(const Finding &F);

} // namespace clang::tidy::coroscope::lint

#endif
