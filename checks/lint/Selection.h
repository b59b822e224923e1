//===--- Selection.h - which files a run lints ------------------*- C++ -*-===//

#ifndef COROSCOPE_CHECKS_LINT_SELECTION_H
#define COROSCOPE_CHECKS_LINT_SELECTION_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace clang::tidy::coroscope::lint {

/// `--shard i/n`: the i-th (1-based) of n disjoint parts that together cover
/// every file.
struct Shard {
  unsigned Index = 1;
  unsigned Count = 1;
};

llvm::Expected<Shard> parseShard(llvm::StringRef Spec);

/// Whether the file named \p ProjectPath belongs to \p S. The part is a hash
/// of the path relative to the project root, so each machine of a CI matrix
/// decides alone, the same way on every checkout, and a file added to the
/// code base moves no other file to another shard.
bool inShard(llvm::StringRef ProjectPath, Shard S);

/// The top directory of the git work tree holding \p Directory.
llvm::Expected<std::string> gitTopLevel(llvm::StringRef Directory);

/// Absolute paths of the files changed since the merge base of \p Ref and
/// HEAD in the work tree holding \p Directory, uncommitted changes included
/// (a pull request's files, or a pre-commit hook's with Ref = HEAD). Deleted
/// files are left out.
llvm::Expected<std::vector<std::string>> changedFiles(llvm::StringRef Directory,
                                                      llvm::StringRef Ref);

} // namespace clang::tidy::coroscope::lint

#endif
