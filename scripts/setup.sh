#!/usr/bin/env bash
# Installs what coroscope needs from Debian's packages (only what is missing)
# and configures and builds one build tree. Used by demo.sh and test.sh.
#
#   scripts/setup.sh [--llvm 19|22] [--build-dir DIR] [--target T]... [-- cmake args]
#
# On a ready machine it installs nothing and rebuilds incrementally (ccache
# keeps even a fresh build tree cheap).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
llvm=19
build_dir=""
targets=()
cmake_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --llvm) llvm="$2"; shift 2 ;;
    --build-dir) build_dir="$2"; shift 2 ;;
    --target) targets+=("$2"); shift 2 ;;
    --packages-only) packages_only=1; shift ;;
    --) shift; cmake_args=("$@"); break ;;
    *) echo "setup.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
build_dir=${build_dir:-$root/build/llvm$llvm}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

packages=(
  cmake ninja-build ccache git python3 g++
  "clang-$llvm" "clang-tidy-$llvm" "libclang-$llvm-dev" "llvm-$llvm-dev"
  "llvm-$llvm-tools" "libclang-rt-$llvm-dev"
  llvm-19-tools # lit, whatever LLVM the checks are built against
  libgtest-dev libgmock-dev libbenchmark-dev
  libgrpc++-dev libprotobuf-dev libabsl-dev # link-time needs of clangd
  libasio-dev libpq-dev libhiredis-dev postgresql redis-server
  pkg-config # finds hiredis for coroscope::redis
  openssl # the throwaway PostgreSQL's TLS certificates (scripts/servers.sh)
  # The real headers the checks' library profiles are tested on
  # (test/checks/libraries): Boost.Asio, and QCoro over Qt 6.
  libboost-dev qcoro-qt6-dev qt6-base-dev
  dpkg-dev file debootstrap # Debian packages (cpack), installed in a fresh root
  pre-commit # the .pre-commit-hooks.yaml test
)

missing=()
for package in "${packages[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" != "install ok installed" ]]; then
    missing+=("$package")
  fi
done
if [[ ${#missing[@]} -gt 0 ]]; then
  say "Installing missing Debian packages: ${missing[*]}"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "setup.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  mkdir -p "$root/build"
  log="$root/build/apt.log"
  if ! { "${sudo[@]}" apt-get update && "${sudo[@]}" apt-get install -y \
           --no-install-recommends "${missing[@]}"; } > "$log" 2>&1; then
    tail -n 25 "$log" >&2
    echo "setup.sh: apt-get failed; the whole log is $log" >&2
    exit 1
  fi
  say "Installed ${#missing[@]} packages (apt-get's log: $log)"
else
  say "All Debian packages present"
fi
[[ -n "${packages_only:-}" ]] && exit 0

if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
  say "Configuring $build_dir against LLVM $llvm"
  CC="${CC:-clang-$llvm}" CXX="${CXX:-clang++-$llvm}" cmake -S "$root" -B "$build_dir" -G Ninja \
    -DCOROSCOPE_LLVM_ROOT="/usr/lib/llvm-$llvm" "${cmake_args[@]}"
elif [[ ${#cmake_args[@]} -gt 0 ]]; then
  cmake "$build_dir" "${cmake_args[@]}" >/dev/null
fi
say "Building ${targets[*]:-everything} in $build_dir"
build=(cmake --build "$build_dir")
[[ ${#targets[@]} -gt 0 ]] && build+=(--target "${targets[@]}")
"${build[@]}"
