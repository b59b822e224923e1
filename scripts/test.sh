#!/usr/bin/env bash
# The whole test suite, from a bare Debian 12 machine to ctest's summary:
#   llvm19/  everything, built with clang 19 against LLVM 19 (the default)
#   llvm22/  everything, built with clang 22 against LLVM 22
#   asan/    the runtime and its tests with g++ under AddressSanitizer + UBSan
#   tsan/    the runtime and its tests with clang under ThreadSanitizer
# The adapters' integration tests (real PostgreSQL and Redis servers, which
# CTest fixtures start and stop: scripts/servers.sh) run in llvm19/ and asan/.
# The Debian packages of llvm19/ (all of them) and llvm22/ (its tools) are
# built and tested installed with apt into a fresh Debian 12
# (test/install/package_test.py). All four trees and the packages' test run
# under a single ctest invocation.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build"
common=(-DCOROSCOPE_WERROR=ON)
# ccache keys on paths relative to the checkout, so a second clone in another
# folder hits the cache; debug information then names the first clone's
# directories, which nothing here reads.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true

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

"$root/scripts/package.sh" "$build/llvm19"
"$root/scripts/package.sh" "$build/llvm22" --tools-only

mkdir -p "$build/all"
{
  echo "# Written by scripts/test.sh: every build tree under one ctest run."
  for tree in llvm19 llvm22 asan tsan; do echo "subdirs(\"$build/$tree\")"; done
  echo "add_test(packages \"$(command -v python3)\" \"$root/test/install/package_test.py\"" \
       "--packages \"$build/llvm19/packages\" \"$build/llvm22/packages\"" \
       "--llvm-majors 19,22 --source-dir \"$root\")"
  # Started first: it mostly waits on the network and the disk, so it
  # overlaps the other tests instead of running alone at the end.
  echo "set_tests_properties(packages PROPERTIES LABELS tools TIMEOUT 1800 COST 100000)"
} > "$build/all/CTestTestfile.cmake"
cd "$build/all"
exec ctest --output-on-failure -j"$(nproc)"
