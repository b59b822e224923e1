#!/usr/bin/env bash
# The demo: sets everything up, builds the clang-tidy plugin and runs the
# coroscope checks over examples/mistakes/, the lesson's mistakes in C++.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh" --llvm 19 --target coroscope-tidy

plugin="$root/build/llvm19/checks/plugin/libcoroscope-tidy.so"
clang_tidy=/usr/lib/llvm-19/bin/clang-tidy
printf '\n\033[1m==> coroscope over examples/mistakes/\033[0m\n'
cd "$root"
for file in examples/mistakes/*.cpp; do
  "$clang_tidy" --load="$plugin" --checks='-*,coroscope-*' --quiet "$file" \
    -- -std=c++20 -I"$root/runtime/include" 2>/dev/null || true
done

cat <<MESSAGE

The warnings above are the lesson's mistakes, found by coroscope.

The plugin is $plugin
Load it into your own clang-tidy (LLVM 19) like this:

  $clang_tidy --load=$plugin --checks='-*,coroscope-*' your_file.cpp -- -std=c++20

('-*' leaves clang-tidy's default checks out.) Or put  Checks: '-*,coroscope-*'
in your .clang-tidy; a .clang-tidy cannot load a plugin, so pass --load as
above. docs/usage.md has the rest: packages, the CI gate, editors.
MESSAGE
