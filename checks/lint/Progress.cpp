//===--- Progress.cpp - what a running lint tells its user ----------------===//

#include "Progress.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Process.h"

namespace clang::tidy::coroscope::lint {

std::string formatDuration(std::chrono::steady_clock::duration D) {
  using namespace std::chrono;
  long long Millis = duration_cast<milliseconds>(D).count();
  long long Seconds = Millis / 1000;
  std::string Result;
  llvm::raw_string_ostream Out(Result);
  if (Millis < 1000)
    Out << Millis << "ms";
  else if (Seconds < 60)
    Out << Seconds << "s";
  else if (Seconds < 3600)
    Out << llvm::format("%lldm%02llds", Seconds / 60, Seconds % 60);
  else
    Out << llvm::format("%lldh%02lldm", Seconds / 3600, Seconds % 3600 / 60);
  return Result;
}

Progress::Progress(llvm::raw_ostream &Out, Style S, unsigned Total)
    : Out(Out), TheStyle(S), Total(Total),
      Start(std::chrono::steady_clock::now()) {
  std::lock_guard<std::mutex> Guard(Lock);
  drawStatus();
}

void Progress::finished(llvm::StringRef File, unsigned FileFindings,
                        unsigned FileErrors,
                        std::chrono::steady_clock::duration Took) {
  std::lock_guard<std::mutex> Guard(Lock);
  ++Done;
  Findings += FileFindings;
  Errors += FileErrors;
  if (TheStyle == Style::Lines) {
    Out << llvm::formatv("coroscope-lint: [{0}/{1}] {2}: ", Done, Total, File);
    if (FileErrors)
      Out << FileErrors << (FileErrors == 1 ? " error, " : " errors, ");
    Out << FileFindings << (FileFindings == 1 ? " finding" : " findings")
        << " (" << formatDuration(Took) << ")\n";
    Out.flush();
  }
  drawStatus();
}

void Progress::error(llvm::StringRef Text) {
  std::lock_guard<std::mutex> Guard(Lock);
  clearStatus();
  Out << Text << '\n';
  drawStatus();
}

void Progress::done() {
  std::lock_guard<std::mutex> Guard(Lock);
  clearStatus();
}

void Progress::drawStatus() {
  if (TheStyle != Style::Interactive)
    return;
  std::string Status =
      llvm::formatv("coroscope-lint: {0}/{1} files, {2} {3}, {4} {5}", Done,
                    Total, Findings, Findings == 1 ? "finding" : "findings",
                    Errors, Errors == 1 ? "error" : "errors");
  if (Done > 0 && Done < Total)
    Status += ", about " +
              formatDuration((std::chrono::steady_clock::now() - Start) *
                             (Total - Done) / Done) +
              " left";
  unsigned Width = llvm::sys::Process::StandardErrColumns();
  if (Width > 1 && Status.size() >= Width)
    Status.resize(Width - 1);
  Out << '\r' << Status << "\x1b[K";
  Out.flush();
}

void Progress::clearStatus() {
  if (TheStyle == Style::Interactive)
    Out << "\r\x1b[K";
}

} // namespace clang::tidy::coroscope::lint
