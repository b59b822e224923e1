#!/usr/bin/env python3
"""Compares two builds of the coroscope plugin by the instructions
clang-tidy executes on the units of gen.py.

Instruction counts (valgrind's callgrind) are the same from one run to the
next for the same binaries and inputs, whatever else the machine is doing,
so a difference of a point between two builds is not lost in the noise that
moves CPU times on a shared machine by more than that. For each unit:

  floor   -checks=-*,objc-forbidden-subclassing (see run.py): parsing alone
  before  -checks=-*,coroscope-* with the plugin given as --before
  after   -checks=-*,coroscope-* with the plugin given as --after

and each build's cost in points: 100 * (build - floor) / floor. The change
is after's points minus before's; the findings of both are compared too.

Parsing is the same work for both builds, yet its count moves with where
the heap puts clang's lookup tables (the probing in DeclContext::lookup):
the plugin's own allocations before parsing shift them. On long_300 the
same build, with 28 KB more allocated before main, parsed in 24 M fewer
instructions, half a point. So the change is also given with parsing left
out: each run's instructions less those of parsing (ParseAST less the
consumers' HandleTranslationUnit, where the checks run), from callgrind's
inclusive counts.

  compare.py --before OLD/libcoroscope-tidy.so --after NEW/libcoroscope-tidy.so
             [--units synthetic_100,long_300,...] [--out DIR]

Keep a copy of the plugin directory of the commit before (the loader finds
the checks library next to itself). Both builds are copied without their
debug information first: Debian 12's valgrind cannot read clang 19's DWARF 5.
Expect minutes per unit: callgrind runs clang-tidy some fifty times slower.
"""

import argparse
import os
import glob
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen  # noqa: E402
from run import FLOOR_CHECK, DIAGNOSTIC  # noqa: E402

COLLECTED = re.compile(r"^==\d+== Collected : (\d+)", re.M)
DEFAULT_UNITS = "synthetic_100,synthetic_1000,long_300,runtime_all,asio"


def parsing(profile):
    """The instructions of parsing in the callgrind output \p profile:
    ParseAST's inclusive count less that of the consumers' work at its end."""
    annotated = subprocess.run(
        ["callgrind_annotate", "--inclusive=yes", "--threshold=100", profile],
        capture_output=True, text=True, check=True).stdout
    def inclusive(function):
        found = re.search(r"^\s*([\d,]+) \([^)]*\)\s+\S*" + re.escape(function),
                          annotated, re.M)
        if not found:
            sys.exit(f"no count of {function} in {profile}")
        return int(found.group(1).replace(",", ""))
    return (inclusive("clang::ParseAST(") -
            inclusive("clang::MultiplexConsumer::HandleTranslationUnit("))


def instructions(clang_tidy, plugin, checks, unit, env, scratch):
    """Instructions of one clang-tidy run, those of its parsing, and the
    findings it printed."""
    profile = os.path.join(scratch, "callgrind.out")
    argv = (["valgrind", "--tool=callgrind", "--callgrind-out-file=" + profile,
             clang_tidy, "--load=" + plugin, "--config={}", "-checks=" + checks,
             unit["path"], "--"] + unit["args"])
    result = subprocess.run(argv, capture_output=True, text=True, env=env)
    counted = COLLECTED.search(result.stderr)
    if not counted:
        sys.exit(f"no instruction count for {unit['name']} ({checks}):\n"
                 f"{result.stderr[-2000:]}")
    findings = sorted(line for line in result.stdout.splitlines()
                      if DIAGNOSTIC.match(line))
    errors = [line for line in findings if ": error: " in line]
    if errors:
        sys.exit(f"{unit['name']} does not compile:\n" + "\n".join(errors[:5]))
    parsed = parsing(profile)
    os.remove(profile)
    return int(counted.group(1)), parsed, findings


def stripped_copy(plugin, folder):
    """The loader \p plugin and the checks libraries beside it, copied into
    \p folder without debug information; the copy's loader."""
    os.makedirs(folder)
    for library in glob.glob(os.path.join(os.path.dirname(os.path.abspath(plugin)),
                                          "libcoroscope-tidy*.so")):
        copy = os.path.join(folder, os.path.basename(library))
        shutil.copy(library, copy)
        subprocess.run(["objcopy", "--strip-debug", copy], check=True)
    return os.path.join(folder, os.path.basename(plugin))


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clang-tidy", default="/usr/lib/llvm-19/bin/clang-tidy")
    parser.add_argument("--before", required=True, help="the plugin of the commit before")
    parser.add_argument("--after", required=True, help="the plugin to compare with it")
    parser.add_argument("--units", default=DEFAULT_UNITS,
                        help=f"gen.py units, comma-separated (default {DEFAULT_UNITS})")
    parser.add_argument("--out", default="", help="where the units go (default: a temporary folder)")
    args = parser.parse_args(argv)

    wanted = [name.strip() for name in args.units.split(",") if name.strip()]
    sizes = sorted({int(n.split("_")[1]) for n in wanted if n.startswith("synthetic_")})
    long_sizes = sorted({int(n.split("_")[1]) for n in wanted if n.startswith("long_")})
    with tempfile.TemporaryDirectory(prefix="coroscope-compare-") as scratch:
        out = args.out or scratch
        before_plugin = stripped_copy(args.before, os.path.join(scratch, "before"))
        after_plugin = stripped_copy(args.after, os.path.join(scratch, "after"))
        real = "runtime_all" in wanted or "asio" in wanted
        units = {u["name"]: u for u in gen.write_units(
            out, sizes=sizes, long_sizes=long_sizes, real=real)}
        missing = [name for name in wanted if name not in units]
        if missing:
            sys.exit(f"unknown or unavailable units: {', '.join(missing)}")
        # The memo's switch must not leak into the comparison.
        env = {k: v for k, v in os.environ.items()
               if k != "COROSCOPE_EXCEPTION_PATH_MEMO"}
        print("| unit | floor (M instr.) | before | after | change | "
              "change, parsing left out | findings |")
        print("|---|---:|---:|---:|---:|---:|---|")
        changed_findings = False
        for name in wanted:
            unit = units[name]
            floor, _, _ = instructions(args.clang_tidy, before_plugin,
                                       "-*," + FLOOR_CHECK, unit, env, scratch)
            before, before_parsing, found_before = instructions(
                args.clang_tidy, before_plugin, "-*,coroscope-*", unit, env,
                scratch)
            after, after_parsing, found_after = instructions(
                args.clang_tidy, after_plugin, "-*,coroscope-*", unit, env,
                scratch)
            points = [100 * (count - floor) / floor for count in (before, after)]
            unparsed = 100 * ((after - after_parsing) -
                              (before - before_parsing)) / floor
            same = found_before == found_after
            changed_findings |= not same
            print(f"| {name} | {floor / 1e6:,.0f} | +{points[0]:.2f}% | "
                  f"+{points[1]:.2f}% | {points[1] - points[0]:+.2f} points | "
                  f"{unparsed:+.2f} points | "
                  f"{len(found_after)}{'' if same else f' (before: {len(found_before)})'} |",
                  flush=True)
        if changed_findings:
            print("note: the findings differ between the two builds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
