//===--- Paths.cpp - how coroscope-lint names files -----------------------===//

#include "Paths.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::coroscope::lint {

std::string absolutePath(llvm::StringRef Path, llvm::StringRef Base) {
  llvm::SmallString<256> Result;
  if (llvm::sys::path::is_absolute(Path)) {
    Result = Path;
  } else {
    Result = Base;
    if (Result.empty() || !llvm::sys::path::is_absolute(Result))
      llvm::sys::fs::make_absolute(Result);
    llvm::sys::path::append(Result, Path);
  }
  llvm::sys::path::remove_dots(Result, /*remove_dot_dot=*/true);
  return std::string(Result);
}

std::string projectPath(llvm::StringRef Path, llvm::StringRef Root) {
  llvm::StringRef Inside = Path;
  if (!Root.empty() && Inside.consume_front(Root) &&
      (llvm::sys::path::is_separator(Root.back()) ||
       (!Inside.empty() && llvm::sys::path::is_separator(Inside.front())))) {
    Inside = Inside.ltrim("/\\");
    return llvm::sys::path::convert_to_slash(Inside);
  }
  return Path.str();
}

} // namespace clang::tidy::coroscope::lint
