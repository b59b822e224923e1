#!/usr/bin/env python3
"""Times clang-tidy with the coroscope checks on the units of gen.py.

One run, interleaved: every repetition goes round every unit and, for each
unit, round every configuration (both orders rotate from one repetition to
the next), so that a change in the machine's load spreads over all of them
instead of falling on one. Configurations:

  floor       -checks=-*,objc-forbidden-subclassing: clang-tidy parses the
              unit and runs no check. `-checks=-*` alone is refused ("no
              checks enabled"), and so is `-*,clang-diagnostic-*`; an
              Objective-C check passes that test but is dropped for a C++
              unit before any matcher is registered, so clang-tidy attaches
              no MatchFinder: what is left is parsing and semantic analysis,
              the same work as `clang++ -fsyntax-only`.
  traversal   -checks=-*,hicpp-no-assembler: a check that matches nothing
              here, so what it adds to the floor is the MatchFinder's walk
              over the AST (template instantiations included), which any set
              of checks pays once.
  parent-map  -checks=-*,bench-parent-map (probe/parent_map_probe.cpp, built
              here against the clang-tidy's LLVM): one call to
              ASTContext::getParents, which builds the parent map of the
              whole translation unit; every check that asks for a parent pays
              this once (--no-probe leaves it out).
  coroscope   -checks=-*,coroscope-*
  <check>     each coroscope check alone
  anchors     misc-coroutine-hostile-raii and bugprone-use-after-move alone
  profile     coroscope-* and the anchors with --enable-check-profile: the
              per-check times (their own table; this run's total is not used,
              the profiler's timers slow it down)

Every configuration loads the plugin. Time is the child's CPU time
(user + sys from os.wait4), which another process on the machine disturbs
less than wall time; wall time is recorded next to it. Reported: medians,
ratios to the floor, the findings per check, and growth exponents: the slope
of log time against log size, of the time above the includes-only unit
synthetic_0, along two axes: the number of coroutines (synthetic_<n>) and
the length of one function (long_<n>).

This is a measurement, not a test: nothing here fails on a time. --quick
(a few small units, one repetition) exists to keep the script working; it
fails only if a unit does not compile, a check reports nothing on the
synthetic unit, or the profile misses a check.
"""

import argparse
import datetime
import json
import math
import os
import platform
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import gen  # noqa: E402

FLOOR_CHECK = "objc-forbidden-subclassing"
TRAVERSAL_CHECK = "hicpp-no-assembler"
PROBE_CHECK = "bench-parent-map"
ANCHORS = ("misc-coroutine-hostile-raii", "bugprone-use-after-move")
# The function index the coroscope checks share: the profile counts under this
# name its walk and the work of the checks that read whole functions
# (blocking-call, reused-scope, scope-generator, unawaited-awaitable), which
# have no matcher of their own.
PROFILE_SHARED = "coroscope-functions"
LINEAR_LIMIT = 1.15  # a growth exponent above this counts as super-linear
OVERHEAD_GOAL = 0.10

DIAGNOSTIC = re.compile(r"^(.*?):(\d+):(\d+): (warning|error): .* \[([^\]]+)\]$")
PROFILE_KEY = re.compile(r"^time\.clang-tidy\.(.+)\.(wall|user|sys)$")


# --------------------------------------------------------------------------
# Running clang-tidy
# --------------------------------------------------------------------------

class Tidy:
    def __init__(self, clang_tidy, plugins, scratch, timeout):
        self.clang_tidy = clang_tidy
        self.plugins = plugins
        self.scratch = scratch
        self.timeout = timeout

    def argv(self, unit, checks, extra=()):
        # --config={} keeps any .clang-tidy above the units out of the way.
        return ([self.clang_tidy] + ["--load=" + p for p in self.plugins]
                + ["--config={}", "-checks=" + checks] + list(extra)
                + [unit["path"], "--"] + unit["args"])

    def run(self, unit, checks, extra=()):
        """Runs clang-tidy once; returns times, peak memory, exit status and
        the diagnostics it printed, counted per check."""
        out = os.path.join(self.scratch, "stdout.txt")
        err = os.path.join(self.scratch, "stderr.txt")
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        argv = self.argv(unit, checks, extra)
        start = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=[
            (os.POSIX_SPAWN_OPEN, 1, out, flags, 0o644),
            (os.POSIX_SPAWN_OPEN, 2, err, flags, 0o644)])
        timed_out = not wait_for_exit(pid, self.timeout)
        if timed_out:
            os.kill(pid, signal.SIGKILL)
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
        with open(out, errors="replace") as f:
            stdout = f.read()
        with open(err, errors="replace") as f:
            stderr = f.read()
        findings, errors = {}, []
        for line in stdout.splitlines():
            m = DIAGNOSTIC.match(line)
            if not m:
                continue
            if m.group(4) == "error":
                errors.append(line)
            else:
                findings[m.group(5)] = findings.get(m.group(5), 0) + 1
        return {
            "cpu": usage.ru_utime + usage.ru_stime,
            "user": usage.ru_utime,
            "sys": usage.ru_stime,
            "wall": wall,
            "maxrss_kb": usage.ru_maxrss,
            "status": os.waitstatus_to_exitcode(status),
            "timed_out": timed_out,
            "findings": findings,
            "errors": errors,
            "stderr_tail": stderr[-2000:],
            "load": os.getloadavg()[0],
        }

    def coroscope_checks(self):
        listing = subprocess.run(
            [self.clang_tidy] + ["--load=" + p for p in self.plugins]
            + ["--config={}", "-checks=-*,coroscope-*", "--list-checks"],
            check=True, capture_output=True, text=True).stdout
        return [l.strip() for l in listing.splitlines()
                if l.strip().startswith("coroscope-")]


def wait_for_exit(pid, timeout):
    """Waits until the child exits (without reaping it); False on timeout."""
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        fd = None
    if fd is not None:
        try:
            poller = select.poll()
            poller.register(fd, select.POLLIN)
            return bool(poller.poll(timeout * 1000))
        finally:
            os.close(fd)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT):
            return True
        time.sleep(0.005)
    return False


def build_probe(clang_tidy, out):
    """Builds probe/parent_map_probe.cpp against the clang-tidy's LLVM;
    returns the plugin's path, or None (with the reason on stderr)."""
    root = os.path.dirname(os.path.dirname(os.path.realpath(clang_tidy)))
    compiler = os.path.join(root, "bin", "clang++")
    source = os.path.join(HERE, "probe", "parent_map_probe.cpp")
    plugin = os.path.join(out, "libparent-map-probe.so")
    command = [compiler, "-shared", "-fPIC", "-O2", "-std=c++17", "-fno-rtti", "-w",
               "-isystem", os.path.join(root, "include"), source, "-o", plugin]
    try:
        subprocess.run(command, check=True, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError) as error:
        print("no parent-map probe (%s): %s" % (" ".join(command),
              getattr(error, "stderr", "") or error), file=sys.stderr)
        return None
    return plugin


def read_profile(folder):
    """Per-check times of the one profile clang-tidy stored in `folder`."""
    files = [f for f in os.listdir(folder) if f.endswith(".json")]
    if len(files) != 1:
        raise RuntimeError("expected one check profile in %s, found %d"
                           % (folder, len(files)))
    with open(os.path.join(folder, files[0])) as f:
        profile = json.load(f)["profile"]
    checks = {}
    for key, value in profile.items():
        m = PROFILE_KEY.match(key)
        if m:
            checks.setdefault(m.group(1), {})[m.group(2)] = value
    return {name: {"cpu": t.get("user", 0) + t.get("sys", 0),
                   "wall": t.get("wall", 0)} for name, t in checks.items()}


# --------------------------------------------------------------------------
# Statistics
# --------------------------------------------------------------------------

def median(values):
    return statistics.median(values) if values else float("nan")


def profiled(checks):
    """The names the profile table lists: each check, the shared index, the
    anchors."""
    return list(checks) + [PROFILE_SHARED] + list(ANCHORS)


def growth_exponent(points):
    """Least-squares slope of log t against log n over (n, t) with t > 0;
    None if fewer than two such points."""
    pts = [(math.log(n), math.log(t)) for n, t in points if n > 0 and t > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sxx


def last_step_exponent(points):
    """log(t2/t1)/log(n2/n1) between the two largest sizes."""
    pts = sorted((n, t) for n, t in points if n > 0)
    if len(pts) < 2 or pts[-1][1] <= 0 or pts[-2][1] <= 0:
        return None
    (n1, t1), (n2, t2) = pts[-2], pts[-1]
    return math.log(t2 / t1) / math.log(n2 / n1)


def fmt_exp(k):
    return "n/a" if k is None else "%.2f" % k


# --------------------------------------------------------------------------
# Machine description
# --------------------------------------------------------------------------

def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    version = subprocess.run(["uname", "-sr"], capture_output=True,
                             text=True).stdout.strip()
    return {"nproc": os.cpu_count(), "cpu": model, "kernel": version,
            "python": platform.python_version()}


# --------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------

def configurations(checks, probe):
    configs = [("floor", "-*," + FLOOR_CHECK, ()),
               ("traversal", "-*," + TRAVERSAL_CHECK, ())]
    if probe:
        configs.append(("parent-map", "-*," + PROBE_CHECK, ()))
    configs.append(("coroscope", "-*,coroscope-*", ()))
    configs += [(c, "-*," + c, ()) for c in checks]
    configs += [(a, "-*," + a, ()) for a in ANCHORS]
    configs.append(("profile", "-*,coroscope-*," + ",".join(ANCHORS),
                    ("--enable-check-profile",)))
    return configs


def rotate(items, by):
    by %= len(items)
    return items[by:] + items[:by]


def measure(tidy, units, configs, reps, log):
    samples = {(u["name"], c[0]): [] for u in units for c in configs}
    profiles = {u["name"]: [] for u in units}
    total = reps * len(units) * len(configs)
    done = 0
    for rep in range(reps):
        for unit in rotate(units, rep):
            for name, checks, extra in rotate(configs, rep):
                extra = list(extra)
                folder = None
                if name == "profile":
                    folder = tempfile.mkdtemp(dir=tidy.scratch)
                    extra.append("--store-check-profile=" + folder)
                result = tidy.run(unit, checks, extra)
                if result["timed_out"] or result["status"] != 0 or result["errors"]:
                    raise RuntimeError(
                        "clang-tidy failed on %s with %s (exit %d%s):\n%s\n%s" % (
                            unit["name"], checks, result["status"],
                            ", timed out" if result["timed_out"] else "",
                            "\n".join(result["errors"][:10]), result["stderr_tail"]))
                if folder:
                    result["profile"] = read_profile(folder)
                    shutil.rmtree(folder)
                    profiles[unit["name"]].append(result["profile"])
                samples[(unit["name"], name)].append(result)
                done += 1
                log("[%d/%d] rep %d %-16s %-34s cpu %7.2fs wall %7.2fs load %.1f"
                    % (done, total, rep + 1, unit["name"], name, result["cpu"],
                       result["wall"], result["load"]))
    return samples, profiles


def summarize(units, configs, checks, samples, profiles):
    names = [c[0] for c in configs]
    table = {}
    for u in units:
        row = {}
        for n in names:
            runs = samples[(u["name"], n)]
            row[n] = {
                "cpu": median([r["cpu"] for r in runs]),
                "wall": median([r["wall"] for r in runs]),
                "maxrss_kb": median([r["maxrss_kb"] for r in runs]),
                "findings": runs[0]["findings"] if runs else {},
            }
        # Ratios pair each run with the floor's run of the same repetition,
        # taken moments apart, before the median: slow drifts in the load
        # cancel out.
        floor_runs = samples[(u["name"], "floor")]
        for n in names:
            runs = samples[(u["name"], n)]
            row[n]["ratio_cpu"] = median([r["cpu"] / f["cpu"]
                                          for r, f in zip(runs, floor_runs)])
            row[n]["ratio_wall"] = median([r["wall"] / f["wall"]
                                           for r, f in zip(runs, floor_runs)])
        row["_profile"] = {
            check: {"cpu": median([p.get(check, {}).get("cpu", 0.0)
                                   for p in profiles[u["name"]]])}
            for check in profiled(checks)}
        table[u["name"]] = row

    # Both families share the includes of synthetic_0; what grows is the time
    # above it.
    base = next((u for u in units if u["kind"] == "synthetic" and u["size"] == 0), None)
    growth = {}
    for family in ("synthetic", "long"):
        members = sorted((u for u in units if u["kind"] == family and u["size"]),
                         key=lambda u: u["size"])

        def series(value):
            base_value = value(table[base["name"]]) if base else 0.0
            return [(u["size"], value(table[u["name"]]) - base_value) for u in members]

        g = growth.setdefault(family, {})
        for n in names:
            if n == "profile":
                continue
            entry = g.setdefault(n, {})
            pts = series(lambda row, n=n: row[n]["cpu"])
            entry["total"] = growth_exponent(pts)
            if n != "floor":
                added = series(lambda row, n=n: row[n]["cpu"] - row["floor"]["cpu"])
                entry["added"] = growth_exponent(added)
                entry["added_last"] = last_step_exponent(added)
        for check in profiled(checks):
            entry = g.setdefault(check, {})
            pts = series(lambda row, c=check: row["_profile"][c]["cpu"])
            entry["profile"] = growth_exponent(pts)
            entry["profile_last"] = last_step_exponent(pts)
    return table, growth


def findings(row, check):
    """Diagnostics of `check` in the unit: from its own run, else from the
    run of coroscope-* (--quick runs no check alone)."""
    run = row.get(check) or row.get("coroscope") or row["profile"]
    return run["findings"].get(check, 0)


def unit_label(u):
    if u["kind"] == "synthetic":
        return "synthetic %s" % format(u["size"], ",")
    if u["kind"] == "long":
        return "long %d" % u["size"]
    if u["kind"] == "asio":
        return "asio (%d coroutines)" % u["size"]
    return "runtime headers"


def markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "|---|" + "---:|" * (len(header) - 1)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return lines


def report(units, configs, checks, table, growth, info):
    names = [c[0] for c in configs if c[0] != "profile"]
    short = [n for n in ("floor", "traversal", "parent-map", "coroscope") + ANCHORS
             if n in names]
    groups = [("by number of coroutines, and the real units",
               [u for u in units if u["kind"] != "long"]),
              ("by length of one function (segments per coroutine)",
               [u for u in units if u["kind"] == "long"])]
    groups = [(title, us) for title, us in groups if us]
    lines = []
    add = lines.append
    m = info["machine"]
    add("Machine: %s CPUs (`nproc`), \"%s\", %s; %s. Load average %.2f at the "
        "start, %.2f at the end; %d repetition(s), interleaved; started %s, "
        "took %.0f min."
        % (m["nproc"], m["cpu"], m["kernel"], info["clang_tidy_version"],
           info["load_start"], info["load_end"], info["reps"], info["started"],
           info["minutes"]))
    for title, us in groups:
        add("")
        add("### CPU time, %s" % title)
        add("")
        add("Median CPU seconds (user+sys of clang-tidy), and the median ratio to the floor's run of the same repetition:")
        add("")
        rows = []
        for n in names:
            rows.append([n] + [
                "%.2f" % table[u["name"]][n]["cpu"] if n == "floor" else
                "%.2f (%.2fx)" % (table[u["name"]][n]["cpu"], table[u["name"]][n]["ratio_cpu"])
                for u in us])
        lines += markdown_table(["configuration"] + [unit_label(u) for u in us], rows)
        add("")
        add("Wall seconds (median, ratio to the floor's) and peak memory (MB):")
        add("")
        rows = []
        for n in short:
            rows.append([n] + [
                "%.2f (%.2fx), %.0f MB" % (table[u["name"]][n]["wall"],
                                           table[u["name"]][n]["ratio_wall"],
                                           table[u["name"]][n]["maxrss_kb"] / 1024)
                for u in us])
        lines += markdown_table(["configuration"] + [unit_label(u) for u in us], rows)
        add("")
        add("`--enable-check-profile` (coroscope-* and the anchors in one run): "
            "median CPU seconds of each check / findings of the check in the unit:")
        add("")
        rows = []
        for c in profiled(checks):
            rows.append([c] + ["%.3f / %d" % (table[u["name"]]["_profile"][c]["cpu"],
                                               findings(table[u["name"]], c))
                               for u in us])
        lines += markdown_table(["check"] + [unit_label(u) for u in us], rows)
    add("")
    add("### Growth")
    add("")
    add("Exponent k of t ~ n^k (1 is linear; above %.2f counts as super-linear), "
        "fitted over the sizes of each family on the time above synthetic_0 (the "
        "includes alone). `profile`: the check's own time in the profile; "
        "`added`: the configuration's CPU time minus the floor's; `last`: the "
        "local exponent between the two largest sizes." % LINEAR_LIMIT)
    add("")
    rows = []
    for n in names + [c for c in profiled(checks) if c not in names]:
        if n == "floor":
            continue
        cells = [n]
        for family in ("synthetic", "long"):
            g = growth.get(family, {}).get(n, {})
            cells += [fmt_exp(g.get("profile")), fmt_exp(g.get("profile_last")),
                      fmt_exp(g.get("added")), fmt_exp(g.get("added_last"))]
        rows.append(cells)
    lines += markdown_table(
        ["configuration", "coroutines: profile", "(last)", "added", "(last)",
         "function length: profile", "(last)", "added", "(last)"], rows)
    add("")
    add("### Goals")
    add("")
    for line in verdicts(units, checks, table, growth):
        add("- " + line)
    return "\n".join(lines) + "\n"


def verdicts(units, checks, table, growth):
    out = []
    over = [(unit_label(u), table[u["name"]]["coroscope"]["ratio_cpu"] - 1) for u in units]
    missed = [(label, o) for label, o in over if o > OVERHEAD_GOAL]
    if missed:
        out.append("coroscope-* at most %d%% over the floor on every unit: **missed** on "
                   "%d of %d units: %s" % (OVERHEAD_GOAL * 100, len(missed), len(over),
                                            ", ".join("%s +%.0f%%" % (l, o * 100)
                                                      for l, o in missed)))
    else:
        worst = max(over, key=lambda x: x[1])
        out.append("coroscope-* at most %d%% over the floor on every unit: **met** "
                   "(worst: %s, +%.1f%%)" % (OVERHEAD_GOAL * 100, worst[0], worst[1] * 100))
    for family, axis in (("synthetic", "number of coroutines"),
                         ("long", "length of one function")):
        g = growth.get(family)
        if not g:
            continue
        if all(g[c].get("profile") is None for c in checks):
            out.append("linear in the %s: not measured (fewer than two sizes)" % axis)
            continue
        bad = []
        for c in checks:
            ks = [k for k in (g[c].get("profile"), g[c].get("profile_last")) if k is not None]
            if ks and max(ks) > LINEAR_LIMIT:
                bad.append("%s (k=%s, last step %s)" % (
                    c, fmt_exp(g[c].get("profile")), fmt_exp(g[c].get("profile_last"))))
        if bad:
            out.append("linear in the %s: **missed** by %s" % (axis, ", ".join(bad)))
        else:
            out.append("linear in the %s: **met** (every check's profile exponent at "
                       "most %.2f)" % (axis, LINEAR_LIMIT))
    return out


GNUPLOT = r"""
set terminal pngcairo size 1800,600 font ",10" noenhanced
set output OUT
set datafile separator "\t"
set multiplot layout 1,3
set logscale xy
set autoscale xfix
set offsets graph 0.03, graph 0.03, 0, 0
set grid
set key top left font ",9"
set ylabel "CPU seconds (median)"
set xlabel "coroutines in the unit"
set format x "%.0s%c"
set title "clang-tidy CPU time against the number of coroutines"
plot for [i=2:COLS_A] DATA index 0 using 1:i with linespoints title columnheader(i)
set title "each check's own time above synthetic_0 (--enable-check-profile)"
plot for [i=2:COLS_B] DATA index 1 using 1:i with linespoints title columnheader(i), \
     DATA index 1 using 1:(REF_B*$1) with lines dashtype 2 lc "gray" title "slope 1 (linear)"
set xlabel "segments per coroutine (3 long coroutines)"
set format x "%g"
set title "the same against the length of one function"
plot for [i=2:COLS_B] DATA index 2 using 1:i with linespoints title columnheader(i), \
     DATA index 2 using 1:(REF_C*$1) with lines dashtype 2 lc "gray" title "slope 1 (linear)", \
     DATA index 2 using 1:(REF_C*$1*$1/LONG_MIN) with lines dashtype 3 lc "black" title "slope 2 (quadratic)"
unset multiplot
"""


def plot(units, configs, checks, table, out_png, scratch):
    if not shutil.which("gnuplot"):
        print("gnuplot not found: no plot", file=sys.stderr)
        return False
    names = [c[0] for c in configs]
    synthetic = sorted((u for u in units if u["kind"] == "synthetic" and u["size"]),
                       key=lambda u: u["size"])
    long_units = sorted((u for u in units if u["kind"] == "long"), key=lambda u: u["size"])
    if len(synthetic) < 2 or len(long_units) < 2:
        print("too few sizes: no plot", file=sys.stderr)
        return False
    totals = [n for n in ("floor", "traversal", "parent-map", "coroscope") + ANCHORS
              if n in names]
    # A check that reads whole functions has no time of its own in the
    # profile: the shared index's row holds it.
    own = [c for c in profiled(checks)
           if any(table[u["name"]]["_profile"][c]["cpu"] > 0 for u in synthetic)]
    floor_value = 1e-4  # a log scale has no 0
    base = next((u for u in units if u["kind"] == "synthetic" and u["size"] == 0), None)
    data = os.path.join(scratch, "growth.dat")
    with open(data, "w") as f:
        f.write("coroutines\t" + "\t".join(totals) + "\n")
        for u in synthetic:
            f.write("%d\t%s\n" % (u["size"], "\t".join(
                "%.4f" % table[u["name"]][n]["cpu"] for n in totals)))
        # The checks' own time above the includes-only unit: the part that
        # grows, whose slope on log-log axes is the growth exponent.
        def grown(u, c):
            return max(table[u["name"]]["_profile"][c]["cpu"]
                       - (table[base["name"]]["_profile"][c]["cpu"] if base else 0.0),
                       floor_value)
        for family in (synthetic, long_units):
            f.write("\n\nsize\t" + "\t".join(c.replace("coroscope-", "") for c in own) + "\n")
            for u in family:
                f.write("%d\t%s\n" % (u["size"], "\t".join(
                    "%.5f" % grown(u, c) for c in own)))
    mid = synthetic[len(synthetic) // 2]
    ref_b = max(grown(mid, c) for c in checks) / mid["size"]
    first = long_units[0]
    ref_c = max(grown(first, c) for c in checks) / first["size"]
    script = os.path.join(scratch, "plot.gp")
    with open(script, "w") as f:
        f.write(GNUPLOT)
    subprocess.run(["gnuplot", "-e",
                    "DATA='%s'; OUT='%s'; COLS_A=%d; COLS_B=%d; REF_B=%g; REF_C=%g; LONG_MIN=%d"
                    % (data, out_png, len(totals) + 1, len(own) + 1, ref_b, ref_c,
                       first["size"]), script], check=True)
    return True


def smoke_checks(units, checks, table, profiles):
    """What --quick asserts: the harness measures something. No timings."""
    problems = []
    largest = max((u for u in units if u["kind"] == "synthetic"), key=lambda u: u["size"])
    for c in checks:
        if findings(table[largest["name"]], c) == 0:
            problems.append("%s reports nothing on %s" % (c, largest["name"]))
        if not all(c in p or PROFILE_SHARED in p for p in profiles[largest["name"]]):
            problems.append("the check profile misses %s" % c)
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clang-tidy", default="/usr/lib/llvm-19/bin/clang-tidy")
    parser.add_argument("--plugin", default=os.path.join(
        REPO, "build", "llvm19", "checks", "plugin", "libcoroscope-tidy.so"),
        help="libcoroscope-tidy.so (default: %(default)s)")
    parser.add_argument("--out", default=os.path.join(REPO, "build", "bench-checker"),
                        help="units, raw results and report (default: %(default)s)")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--sizes", default=",".join(map(str, gen.DEFAULT_SIZES)),
                        help="coroutines of the synthetic units (default %(default)s)")
    parser.add_argument("--long-sizes", default=",".join(map(str, gen.DEFAULT_LONG_SIZES)),
                        help="segments per coroutine of the long units (default %(default)s)")
    parser.add_argument("--asio-coroutines", type=int, default=700)
    parser.add_argument("--no-real", action="store_true", help="no runtime or asio unit")
    parser.add_argument("--no-probe", action="store_true",
                        help="do not build and time the parent-map probe")
    parser.add_argument("--only", default="",
                        help="comma-separated configurations (floor always runs); "
                             "prints raw medians only")
    parser.add_argument("--timeout", type=float, default=1800,
                        help="seconds before a clang-tidy run counts as hung")
    parser.add_argument("--plot", default="",
                        help="PNG to draw (e.g. docs/performance-checks.png)")
    parser.add_argument("--quick", action="store_true",
                        help="small units, one repetition, sanity checks only")
    parser.add_argument("--from-results", default="",
                        help="report (and --plot) again from a results.json")
    args = parser.parse_args(argv)

    if args.from_results:
        # Report and plot again from a saved run.
        with open(args.from_results) as f:
            saved = json.load(f)
        checks, configs = saved["checks"], [tuple(c) for c in saved["configs"]]
        units = saved["units"]
        samples = {tuple(k.split("|", 1)): v for k, v in saved["samples"].items()}
        profiles = {u["name"]: [r["profile"] for r in samples.get((u["name"], "profile"), [])]
                    for u in units}
        table, growth = summarize(units, configs, checks, samples, profiles)
        text = report(units, configs, checks, table, growth, saved["info"])
        print(text)
        if args.plot:
            scratch = tempfile.mkdtemp()
            plot(units, configs, checks, table, os.path.abspath(args.plot), scratch)
            shutil.rmtree(scratch)
        return 0
    if args.quick:
        args.reps = 1
        args.sizes = "0,40"
        args.long_sizes = "4"
        args.asio_coroutines = 7
    for path in (args.clang_tidy, args.plugin):
        if not os.path.exists(path):
            parser.error("%s does not exist" % path)
    os.makedirs(args.out, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix="scratch-", dir=args.out)
    log = lambda line: print(line, flush=True)

    units = gen.write_units(os.path.join(args.out, "units"),
                            [int(s) for s in args.sizes.split(",") if s],
                            args.asio_coroutines, real=not args.no_real,
                            long_sizes=[int(s) for s in args.long_sizes.split(",") if s])
    probe = None if args.no_probe else build_probe(args.clang_tidy, args.out)
    tidy = Tidy(args.clang_tidy, [args.plugin] + ([probe] if probe else []),
                scratch, args.timeout)
    checks = tidy.coroscope_checks()
    configs = configurations(checks, probe)
    if args.quick:
        # Every kind of run once, no check alone: enough to keep this working.
        configs = [c for c in configs
                   if c[0] in ("floor", "traversal", "parent-map", "coroscope", "profile")]
    if args.only:
        keep = set(args.only.split(",")) | {"floor"}
        configs = [c for c in configs if c[0] in keep]

    # One untimed run per unit: it must compile cleanly, and its files are
    # then in the page cache for every timed run.
    for unit in units:
        warm = tidy.run(unit, "-*," + FLOOR_CHECK)
        if warm["status"] != 0 or warm["errors"]:
            sys.exit("%s does not compile:\n%s\n%s" % (
                unit["path"], "\n".join(warm["errors"][:10]), warm["stderr_tail"]))

    version = subprocess.run([args.clang_tidy, "--version"], capture_output=True,
                             text=True).stdout
    version = re.search(r"LLVM version ([\d.]+)", version)
    info = {"machine": machine(), "load_start": os.getloadavg()[0],
            "started": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "reps": args.reps, "clang_tidy": args.clang_tidy, "plugin": args.plugin,
            "clang_tidy_version": "clang-tidy %s" % (version.group(1) if version else "?"),
            "argv": sys.argv}
    began = time.time()
    samples, profiles = measure(tidy, units, configs, args.reps, log)
    info["minutes"] = (time.time() - began) / 60
    info["load_end"] = os.getloadavg()[0]

    if args.only:
        for (unit, config), runs in samples.items():
            log("%-16s %-34s median cpu %.3f" % (unit, config,
                                                 median([r["cpu"] for r in runs])))
        shutil.rmtree(scratch)
        return 0

    table, growth = summarize(units, configs, checks, samples, profiles)
    text = report(units, configs, checks, table, growth, info)
    with open(os.path.join(args.out, "report.md"), "w") as f:
        f.write(text)
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"info": info, "units": units, "checks": checks, "configs": configs,
                   "samples": {"%s|%s" % k: v for k, v in samples.items()},
                   "table": table, "growth": growth}, f, indent=1)
    if args.plot:
        plot(units, configs, checks, table, os.path.abspath(args.plot), scratch)
    shutil.rmtree(scratch)
    print()
    print(text)
    print("raw results: %s" % os.path.join(args.out, "results.json"))

    if args.quick:
        problems = smoke_checks(units, checks, table, profiles)
        for p in problems:
            print("FAIL: " + p, file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
