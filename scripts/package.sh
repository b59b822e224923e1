#!/usr/bin/env bash
# Builds the Debian packages of one build tree (made by setup.sh) into
# <build-dir>/packages/:
#
#   scripts/package.sh <build-dir> [--tools-only]
#
# --tools-only leaves out the runtime and adapter packages, which need no
# LLVM: every tree would build the same ones, so only one tree should
# (test.sh: llvm19/ all of them, llvm22/ its tools).
set -euo pipefail
build_dir=${1:?usage: scripts/package.sh <build-dir> [--tools-only]}
components=()
case "${2:-}" in
  --tools-only) components=(-D "CPACK_COMPONENTS_ALL=tidy;lint;clangd") ;;
  "") ;;
  *) echo "package.sh: unknown argument '$2'" >&2; exit 2 ;;
esac
[[ -f "$build_dir/CPackConfig.cmake" ]] || {
  echo "package.sh: $build_dir is not a configured build tree (scripts/setup.sh makes one)" >&2
  exit 2
}
rm -rf "$build_dir/packages"
cd "$build_dir"
log="$build_dir/cpack.log"
if ! cpack -G DEB "${components[@]}" > "$log" 2>&1; then
  tail -n 25 "$log" >&2
  echo "package.sh: cpack failed; the whole log is $log" >&2
  exit 1
fi
rm -rf packages/_CPack_Packages
printf '\033[1m==> Packages in %s\033[0m\n' "$build_dir/packages"
ls packages
