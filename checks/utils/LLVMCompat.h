//===--- LLVMCompat.h - the one place LLVM versions differ ------*- C++ -*-===//
//
// coroscope builds against LLVM 19 and LLVM 22. Every difference between the
// two that the checks meet is bridged here, so no other file tests a version.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_LLVMCOMPAT_H
#define COROSCOPE_CHECKS_UTILS_LLVMCOMPAT_H

#include "llvm/Config/llvm-config.h"

// LLVM 22 folded the registry into ClangTidyModule.h and made the old header
// emit a deprecation #warning on include.
#if LLVM_VERSION_MAJOR >= 22
#include "clang-tidy/ClangTidyModule.h"
#else
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

#endif
