//===--- ClangdMain.cpp - clangd with the coroscope checks ----------------===//

#include <cstring>
#include <string>
#include <vector>

namespace clang::clangd {
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

namespace {

bool setsResourceDir(int Argc, char **Argv) {
  for (int I = 1; I < Argc; ++I)
    if (std::strncmp(Argv[I], "--resource-dir", 14) == 0 ||
        std::strncmp(Argv[I], "-resource-dir", 13) == 0)
      return true;
  return false;
}

} // namespace

int main(int Argc, char **Argv) {
  // clangd looks for builtin headers next to its own binary; wherever this
  // one is installed, point it at the LLVM installation it was built with.
  std::vector<char *> Args(Argv, Argv + Argc);
  std::string ResourceDir =
      std::string("--resource-dir=") + COROSCOPE_CLANG_RESOURCE_DIR;
  if (!setsResourceDir(Argc, Argv))
    Args.insert(Args.begin() + 1, ResourceDir.data());
  Args.push_back(nullptr);
  return clang::clangd::clangdMain(static_cast<int>(Args.size()) - 1,
                                   Args.data());
}
