//===--- Profiles.h - the library profiles ----------------------*- C++ -*-===//
//
// One profile per coroutine library, each defined in a file of its own here
// from the library's public headers and documentation; LibraryProfiles.cpp
// lists them. See LibraryProfiles.h for what the rows mean.
//
//===----------------------------------------------------------------------===//

#ifndef COROSCOPE_CHECKS_UTILS_PROFILES_PROFILES_H
#define COROSCOPE_CHECKS_UTILS_PROFILES_PROFILES_H

#include "utils/LibraryProfiles.h"

namespace clang::tidy::coroscope::profiles {

extern const LibraryProfile Coroscope;
extern const LibraryProfile Asio;
extern const LibraryProfile BoostAsio;
extern const LibraryProfile Cobalt;
extern const LibraryProfile Folly;
extern const LibraryProfile Seastar;
extern const LibraryProfile QCoro;
extern const LibraryProfile Cppcoro;
extern const LibraryProfile Libcoro;
extern const LibraryProfile Concurrencpp;
extern const LibraryProfile AsyncSimple;
extern const LibraryProfile Stdexec;

} // namespace clang::tidy::coroscope::profiles

#endif
