#!/usr/bin/env bash
# The whole test suite, from a bare Debian 12 machine to ctest's summary:
#   llvm19/  everything, built with clang 19 against LLVM 19 (the default)
#   llvm22/  everything, built with clang 22 against LLVM 22
#   asan/    the runtime and its tests with g++ under AddressSanitizer + UBSan
#   tsan/    the runtime and its tests with clang under ThreadSanitizer
# The adapters' integration tests (real PostgreSQL and Redis servers, which
# CTest fixtures start and stop: scripts/servers.sh) run in llvm19/ and asan/.
# All four trees run under a single ctest invocation.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build"
common=(-DCOROSCOPE_WERROR=ON)

"$root/scripts/setup.sh" --llvm 19 --build-dir "$build/llvm19" -- \
  "${common[@]}" -DCOROSCOPE_TEST_PREFIX=llvm19/
"$root/scripts/setup.sh" --llvm 22 --build-dir "$build/llvm22" -- \
  "${common[@]}" -DCOROSCOPE_TEST_PREFIX=llvm22/ -DCOROSCOPE_INTEGRATION_TESTS=OFF
CC=gcc CXX=g++ "$root/scripts/setup.sh" --build-dir "$build/asan" -- \
  "${common[@]}" -DCOROSCOPE_TEST_PREFIX=asan/ -DCOROSCOPE_BUILD_CHECKS=OFF \
  -DCOROSCOPE_SANITIZER=address,undefined -DCMAKE_BUILD_TYPE=Debug
"$root/scripts/setup.sh" --build-dir "$build/tsan" -- \
  "${common[@]}" -DCOROSCOPE_TEST_PREFIX=tsan/ -DCOROSCOPE_BUILD_CHECKS=OFF \
  -DCOROSCOPE_SANITIZER=thread -DCOROSCOPE_INTEGRATION_TESTS=OFF -DCMAKE_BUILD_TYPE=Debug

mkdir -p "$build/all"
{
  echo "# Written by scripts/test.sh: every build tree under one ctest run."
  for tree in llvm19 llvm22 asan tsan; do echo "subdirs(\"$build/$tree\")"; done
} > "$build/all/CTestTestfile.cmake"
cd "$build/all"
exec ctest --output-on-failure -j"$(nproc)"
