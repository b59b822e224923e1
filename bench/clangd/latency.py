#!/usr/bin/env python3
"""Editor latency: the time from an edit to published diagnostics in the real
coroscope-clangd, with coroscope-* on and off.

For each file (a coroutine-heavy unit from bench/checker/gen.py: `runtime`,
every runtime header and many coroutines; `asio`, Debian's asio and many
coroutines) and each configuration, one coroscope-clangd runs over the
Language Server Protocol in a workspace of its own: the file,
compile_flags.txt, and a .clangd that sets the checks:

  off   ClangTidy: Remove: [coroscope-*]: no clang-tidy check runs, so clangd
        attaches no MatchFinder (`if (!CTChecks.empty())` in ParsedAST.cpp):
        clangd's own rebuild
  on    ClangTidy: Add: [coroscope-*], FastCheckFilter: Loose (the shipped
        snippet, docs/clangd-snippet.yaml)
  walk  ClangTidy: Add: [hicpp-no-assembler]: a check that matches nothing
        here, so what it adds to `off` is the MatchFinder's walk, which any
        set of checks pays (in clangd it covers the main file's top-level
        declarations only: clangd sets the traversal scope)
  any other name is taken as a list of check globs, joined by `+` (e.g.
  coroscope-swallowed-cancellation, or
  coroscope-*+-coroscope-swallowed-cancellation: all but one; a `-glob`
  goes to Remove).

The probes (--files runtime-try,runtime-plain,asio-try,asio-plain) are one
coroutine on the same headers, with and without a `try` around its
`co_await`: what the checks cost that does not grow with the file (e.g. a
walk over every declaration of the preamble).

Every .clangd also sets `Index: StandardLibrary: No`: the standard library
index is built once after the first preamble, for 10 s of CPU here, and
would land on the first timed edits.

The binary is copied to a scratch folder first (a rebuild in place during a
run cannot mix two binaries) and its sha256 is recorded. After the first
diagnostics (the preamble is built) and a wait until every server is idle,
a few untimed warm-up edits, then the timed edits: each changes one digit
of a literal inside a coroutine body (1 and 2 alternately, so the findings
stay the same), as a new version, sent as an incremental didChange with
clangd's `wantDiagnostics: true`, which skips clangd's debounce
(--debounce leaves it out: then clangd waits 50-500 ms, scaled by the last
rebuild times, before rebuilding, as it does for an editor), and is timed
to the publishDiagnostics of that version:

  wall  from sending didChange to receiving the diagnostics
  cpu   the server process's CPU time (all threads, clock_gettime on its
        process CPU clock, nanoseconds) from just before the edit to just
        before its next edit: all the work the edit caused
  trace clangd's own spans for that rebuild (CLANGD_TRACE): BuildAST, and
        ClangTidyMatch, the checks' AST work, inside it (--no-trace: none)

Interleaved: each round makes one edit in every server, files and
configurations in an order that rotates from round to round, so that a
change in the machine's load spreads over all of them. --sessions restarts
every server (a fresh process, preamble and heap) between parts of the
run. Reported per file: median, minimum and spread (25th-75th percentile)
of each configuration, and the ratios to `off`: of the medians, of the
minimums, and the median of per-round ratios (each edit against the `off`
edit of the same round, moments apart). The goal (issue 16):
coroscope-* adds at most 10% to clangd's rebuild-to-diagnostics time.

--perf records every server with checks with `perf record` during the
timed edits, for where the time goes (e.g. `perf report --children
--sort symbol`); it slows the servers, so its timings are not the ones to
report.

This is a measurement, not a test: --quick (small files, two edits) keeps
the script working and fails only if a version gets no diagnostics, `on`
reports no coroscope finding, `off` reports one, or the findings change
from one edit to the next.

Python 3 standard library only; reuses test/clangd/lsp_test.py's LSP client
and bench/checker/gen.py's units.
"""

import argparse
import datetime
import hashlib
import json
import os
import pathlib
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "test", "clangd"))
sys.path.insert(0, os.path.join(REPO, "bench", "checker"))
import gen  # noqa: E402
from run import machine  # noqa: E402  (bench/checker/run.py)
import lsp_test  # noqa: E402

GOAL = 0.10
WALK_CHECK = "hicpp-no-assembler"
# The literal an edit changes: a digit inside a coroutine body.
EDIT_SITES = {
    "runtime": re.compile(r"co_await compute\(([12])\);"),
    "asio": re.compile(r"co_await tick\(timer, ([0-9])\);"),
}


# --------------------------------------------------------------------------
# Files and workspaces
# --------------------------------------------------------------------------

# Probes for the checks' work that does not grow with the file: one
# coroutine on the same headers, with and without a `try` around its
# `co_await` (swallowed-cancellation looks for the cancellation exception
# types only when a coroutine has a `try` whose block may suspend).
PROBE_TRY = """\
{declare}
{returns} probe({parameter}) {{
  try {{
    co_await {call};
  }} catch (...) {{
  }}
}}
"""
PROBE_PLAIN = """\
{declare}
{returns} probe({parameter}) {{
  co_await {call};
}}
"""
PROBE_PARTS = {
    "runtime": {"declare": "coroscope::task<int> compute(int input);",
                "returns": "coroscope::task<void>", "parameter": "",
                "call": "compute(1)"},
    "asio": {"declare": "asio::awaitable<void> tick(asio::steady_timer &timer, int ms);",
             "returns": "asio::awaitable<void>",
             "parameter": "asio::steady_timer &timer", "call": "tick(timer, 1)"},
}


def make_files(kinds, coroutines, asio_coroutines):
    """name -> {text, args, kind, coroutines}: the runtime file is every
    runtime header (gen.runtime_unit) followed by gen's synthetic unit of
    `coroutines` coroutines (whose own includes repeat some of them); the
    asio file is gen's asio unit."""
    files = {}
    if "runtime" in kinds:
        files["runtime"] = {
            "kind": "runtime", "coroutines": coroutines,
            "text": gen.runtime_unit() + gen.synthetic_unit(coroutines),
            "args": ["-std=c++20", "-I" + gen.RUNTIME_INCLUDE]}
    if "asio" in kinds:
        if not gen.asio_available():
            print("no /usr/include/asio.hpp (libasio-dev): no asio file",
                  file=sys.stderr)
        else:
            text = gen.asio_unit(asio_coroutines)
            files["asio"] = {
                "kind": "asio",
                "coroutines": text.count("\nnamespace a") * gen.ASIO_BLOCK_COROUTINES,
                "text": text, "args": ["-std=c++20"] + gen.ASIO_DEFINES}
    for kind in ("runtime", "asio"):
        for shape, body in (("try", PROBE_TRY), ("plain", PROBE_PLAIN)):
            name = "%s-%s" % (kind, shape)
            if name not in kinds:
                continue
            if kind == "asio" and not gen.asio_available():
                continue
            head = (gen.runtime_unit() if kind == "runtime" else
                    "#include <asio.hpp>\n")
            files[name] = {
                "kind": kind, "coroutines": 1,
                "text": head + body.format(**PROBE_PARTS[kind]),
                "args": (["-std=c++20", "-I" + gen.RUNTIME_INCLUDE] if kind == "runtime"
                         else ["-std=c++20"] + gen.ASIO_DEFINES)}
    for f in files.values():
        f["lines"] = f["text"].count("\n")
        f["site"] = edit_site(f["text"], EDIT_SITES[f["kind"]])
    return files


def edit_site(text, pattern):
    """(line, column) of the digit the edits change: the first match at or
    after the middle of the file."""
    lines = text.split("\n")
    for index in list(range(len(lines) // 2, len(lines))) + list(range(len(lines) // 2)):
        m = pattern.search(lines[index])
        if m:
            return index, m.start(1)
    raise RuntimeError("no edit site %s in the file" % pattern.pattern)


def clangd_config(config):
    """The .clangd of a configuration."""
    lines = ["# Written by bench/clangd/latency.py (configuration %s)." % config,
             "Index:", "  StandardLibrary: No", "Diagnostics:", "  ClangTidy:"]
    if config == "off":
        lines.append("    Remove: ['coroscope-*']")
    else:
        globs = {"on": "coroscope-*", "walk": WALK_CHECK}.get(config, config).split("+")
        # clangd's Add takes no `-glob` (it ignores it with a warning): those
        # go to Remove.
        add = [g for g in globs if not g.startswith("-")]
        remove = [g[1:] for g in globs if g.startswith("-")]
        lines.append("    Add: [%s]" % ", ".join("'%s'" % g for g in add))
        if remove:
            lines.append("    Remove: [%s]" % ", ".join("'%s'" % g for g in remove))
        lines.append("    FastCheckFilter: Loose")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# One server
# --------------------------------------------------------------------------

class StampedQueue(queue.Queue):
    """lsp_test's reader thread puts each message here as soon as it is
    read: stamp it then, so that the time does not include how long the
    waiting side takes to look at it."""

    def put(self, item, *args, **kwargs):
        if isinstance(item, dict):
            item["_received"] = time.perf_counter()
        super().put(item, *args, **kwargs)


class TimedServer(lsp_test.LanguageServer):
    """lsp_test's LSP client, with arrival times on the messages."""

    @property
    def incoming(self):
        return self._incoming

    @incoming.setter
    def incoming(self, _):
        # LanguageServer.__init__ assigns its queue before starting the
        # reader thread; this one stamps arrivals.
        self._incoming = StampedQueue()


def process_cpu(pid):
    """CPU seconds of a whole process (every thread, living or exited), to
    the nanosecond: the process CPU clock of `pid` (Linux's
    MAKE_PROCESS_CPUCLOCK(pid, CPUCLOCK_SCHED)). Falls back to
    /proc/<pid>/stat's utime + stime, in clock ticks (10 ms)."""
    try:
        return time.clock_gettime(((~pid) << 3) | 2)
    except OSError:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Session:
    """One coroscope-clangd on one file in one configuration."""

    def __init__(self, clangd, root, name, config, unit, trace, timeout):
        self.name, self.config, self.unit = name, config, unit
        self.timeout = timeout
        self.workspace = pathlib.Path(root) / ("%s-%s" % (name, re.sub(r"[^\w.-]", "_", config)))
        self.workspace.mkdir(parents=True)
        (self.workspace / "compile_flags.txt").write_text("\n".join(unit["args"]) + "\n")
        (self.workspace / ".clangd").write_text(clangd_config(config))
        self.path = self.workspace / ("%s.cpp" % name)
        self.path.write_text(unit["text"])
        self.uri = self.path.as_uri()
        self.trace = self.workspace / "trace.json" if trace else None
        env = dict(os.environ, HOME=str(self.workspace),
                   XDG_CONFIG_HOME=str(self.workspace / "config"),
                   XDG_CACHE_HOME=str(self.workspace / "cache"))
        env.pop("CLANGD_TRACE", None)
        if self.trace:
            env["CLANGD_TRACE"] = str(self.trace)
        self.server = TimedServer(
            [str(clangd), "--background-index=false", "--log=info",
             "--pch-storage=memory", "--clang-tidy"], self.workspace, env)
        self.pid = self.server.process.pid
        self.version = 1
        self.digit = unit["text"].split("\n")[unit["site"][0]][unit["site"][1]]
        self.samples = []
        self.pending = None  # the last edit, whose CPU time ends at the next
        self.server.request("initialize", {
            "processId": os.getpid(), "rootUri": self.workspace.as_uri(),
            "capabilities": {"textDocument": {
                "synchronization": {"didSave": False},
                "publishDiagnostics": {"relatedInformation": True}}}})
        self.server.notify("initialized", {})

    def cpu(self):
        return process_cpu(self.pid)

    def open(self):
        self.opened_at = time.perf_counter()
        self.server.notify("textDocument/didOpen", {"textDocument": {
            "uri": self.uri, "languageId": "cpp", "version": 1,
            "text": self.unit["text"]}})

    def diagnostics(self, version):
        message = self.server.wait_for(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == self.uri
            and m["params"].get("version") == version,
            "publishDiagnostics for version %d of %s" % (version, self.uri),
            deadline=self.timeout)
        # Nothing else is waited for: drop what piled up.
        self.server.unclaimed.clear()
        return message

    def first_diagnostics(self):
        message = self.diagnostics(1)
        self.open_wall = message["_received"] - self.opened_at
        self.first = summarize_diagnostics(message["params"]["diagnostics"])
        errors = [d for d in message["params"]["diagnostics"] if d.get("severity") == 1]
        if errors:
            self.server.fail("%s does not compile in clangd: %s" % (
                self.name, [e["message"] for e in errors[:5]]))

    def edit(self, timed, want_diagnostics=True, round_=None, session=None):
        """One edit: the digit at the edit site changes; returns the sample."""
        self.close_pending()
        self.version += 1
        self.digit = "2" if self.digit == "1" else "1"
        line, column = self.unit["site"]
        params = {"textDocument": {"uri": self.uri, "version": self.version},
                  "contentChanges": [{"range": {
                      "start": {"line": line, "character": column},
                      "end": {"line": line, "character": column + 1}},
                      "text": self.digit}]}
        if want_diagnostics:
            params["wantDiagnostics"] = True
        load = os.getloadavg()[0]
        cpu_before = self.cpu()
        sent = time.perf_counter()
        self.server.notify("textDocument/didChange", params)
        message = self.diagnostics(self.version)
        cpu_published = self.cpu()
        sample = {"version": self.version, "timed": timed, "round": round_,
                  "session": session, "load": load,
                  "wall": message["_received"] - sent,
                  "cpu_to_publish": cpu_published - cpu_before,
                  "cpu_before": cpu_before,
                  "diagnostics": summarize_diagnostics(message["params"]["diagnostics"])}
        self.samples.append(sample)
        self.pending = sample
        return sample

    def close_pending(self):
        """The CPU time of the last edit ends where the next one starts (or
        at the end): anything the server did after publishing counts."""
        if self.pending is not None:
            self.pending["cpu"] = self.cpu() - self.pending.pop("cpu_before")
            self.pending = None

    def shutdown(self):
        self.close_pending()
        try:
            self.server.request("shutdown", None)
            self.server.notify("exit", None)
            self.server.process.wait(timeout=60)
        except (lsp_test.TestFailure, subprocess.TimeoutExpired):
            pass
        finally:
            if self.server.process.poll() is None:
                self.server.process.kill()
                self.server.process.wait()
        if self.trace:
            attach_trace(self)


def summarize_diagnostics(diagnostics):
    coroscope = [d for d in diagnostics if str(d.get("code", "")).startswith("coroscope-")]
    return {"all": len(diagnostics), "coroscope": len(coroscope),
            "errors": sum(1 for d in diagnostics if d.get("severity") == 1)}


def read_trace(path):
    """clangd's trace events (Chrome trace format); a trace cut short by a
    crash lacks its closing brackets."""
    text = path.read_text(errors="replace")
    try:
        return json.loads(text)["traceEvents"]
    except ValueError:
        return json.loads(text.rstrip().rstrip(",") + "]}")["traceEvents"]


def attach_trace(session):
    """Gives each sample the spans of its rebuild: the n-th BuildAST of the
    file is version n (each version is built once: every edit waits for its
    diagnostics); ClangTidyMatch and ClangTidyInit are the ones inside it."""
    try:
        events = read_trace(session.trace)
    except (OSError, ValueError) as error:
        session.trace_problem = "unreadable trace: %s" % error
        return
    spans = [e for e in events if e.get("ph") == "X"]
    builds = sorted((e for e in spans if e["name"] == "BuildAST"
                     and e.get("args", {}).get("File") == str(session.path)),
                    key=lambda e: e["ts"])
    if len(builds) != session.version:
        session.trace_problem = ("%d BuildAST spans for %d versions: not matched"
                                 % (len(builds), session.version))
        return
    session.trace_problem = None

    def inside(name, build):
        return sum(e["dur"] for e in spans
                   if e["name"] == name and e.get("tid") == build.get("tid")
                   and build["ts"] <= e["ts"] <= build["ts"] + build["dur"]) / 1e6

    by_version = {n + 1: b for n, b in enumerate(builds)}
    session.open_build = by_version[1]["dur"] / 1e6
    for sample in session.samples:
        build = by_version[sample["version"]]
        sample["build_ast"] = build["dur"] / 1e6
        sample["tidy_match"] = inside("ClangTidyMatch", build)
        sample["tidy_init"] = inside("ClangTidyInit", build)


# --------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------

def rotate(items, by):
    by %= len(items)
    return items[by:] + items[:by]


def settle(sessions, log, quiet=0.02, period=1.0, limit=600):
    """Waits until no server used more than `quiet` s of CPU over `period`
    s (the preamble's indexing and the like are done)."""
    end = time.monotonic() + limit
    before = {id(s): s.cpu() for s in sessions}
    while time.monotonic() < end:
        time.sleep(period)
        now = {id(s): s.cpu() for s in sessions}
        busy = [s.name + "/" + s.config for s in sessions
                if now[id(s)] - before[id(s)] > quiet]
        before = now
        if not busy:
            return
    log("still busy after %ds: %s" % (limit, ", ".join(busy)))


def run_session(args, clangd, scratch, files, configs, session_index, rounds,
                first_round, log):
    root = tempfile.mkdtemp(prefix="session%d-" % session_index, dir=scratch)
    pairs = rotate([(f, c) for f in files for c in configs], session_index)
    sessions = []
    try:
        for name, config in pairs:
            sessions.append(Session(clangd, root, name, config, files[name],
                                    args.trace, args.timeout))
        for s in sessions:
            s.open()
        for s in sessions:
            s.first_diagnostics()
            log("session %d: %-8s %-6s first diagnostics after %.1fs: %s"
                % (session_index + 1, s.name, s.config, s.open_wall, s.first))
        settle(sessions, log)
        lookup = {(s.name, s.config): s for s in sessions}
        names = list(files)
        for w in range(args.warmup):
            for name in rotate(names, w):
                for config in rotate(configs, w):
                    lookup[(name, config)].edit(False, not args.debounce)
        recorders = start_perf(args, sessions, session_index) if args.perf else []
        for r in range(rounds):
            round_ = first_round + r
            for name in rotate(names, round_):
                for config in rotate(configs, round_):
                    s = lookup[(name, config)]
                    sample = s.edit(True, not args.debounce, round_, session_index)
                    log("session %d round %3d %-8s %-12s wall %6.3fs cpu-to-publish %6.3fs "
                        "load %.1f" % (session_index + 1, round_ + 1, name, config,
                                       sample["wall"], sample["cpu_to_publish"],
                                       sample["load"]))
        time.sleep(0.5)
        stop_perf(recorders, log)
    finally:
        for s in sessions:
            s.shutdown()
    results = []
    for s in sessions:
        problem = getattr(s, "trace_problem", None)
        if problem:
            log("%s/%s: %s" % (s.name, s.config, problem))
        results.append({"file": s.name, "config": s.config, "session": session_index,
                        "open_wall": s.open_wall, "open_build": getattr(s, "open_build", None),
                        "first": s.first, "trace_problem": problem,
                        "samples": s.samples})
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return results


def start_perf(args, sessions, session_index):
    """--perf: one `perf record` per server with checks, over the timed
    edits (it slows the server down: for where the time goes, not for
    the timings)."""
    recorders = []
    for s in sessions:
        if s.config == "off":
            continue
        data = os.path.join(os.path.abspath(args.out), "perf-%s-%s-s%d.data" % (
            s.name, re.sub(r"[^\w.-]", "_", s.config), session_index + 1))
        recorders.append((data, subprocess.Popen(
            ["perf", "record", "-q", "-F", str(args.perf_frequency), "--call-graph",
             "dwarf,65528", "-p", str(s.pid), "-o", data],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)))
    time.sleep(1)  # perf attaches
    return recorders


def stop_perf(recorders, log):
    for data, recorder in recorders:
        recorder.send_signal(signal.SIGINT)
    for data, recorder in recorders:
        try:
            recorder.wait(timeout=120)
        except subprocess.TimeoutExpired:
            recorder.kill()
            recorder.wait()
        log("perf data: %s (perf report -i %s --children --sort symbol)" % (data, data))


# --------------------------------------------------------------------------
# Statistics and the report
# --------------------------------------------------------------------------

def quantile(values, q):
    values = sorted(values)
    if not values:
        return float("nan")
    position = (len(values) - 1) * q
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def describe(values):
    if not values:
        return None
    return {"n": len(values), "median": statistics.median(values), "min": min(values),
            "p25": quantile(values, 0.25), "p75": quantile(values, 0.75),
            "max": max(values)}


METRICS = ("wall", "cpu", "cpu_to_publish", "build_ast", "tidy_match")


def summarize(results, files, configs):
    table = {}
    for name in files:
        table[name] = {}
        timed = {c: [s for r in results if r["file"] == name and r["config"] == c
                     for s in r["samples"] if s["timed"]] for c in configs}
        for c in configs:
            row = {m: describe([s[m] for s in timed[c] if s.get(m) is not None])
                   for m in METRICS}
            row["load"] = describe([s["load"] for s in timed[c]])
            row["findings"] = sorted({s["diagnostics"]["coroscope"] for s in timed[c]})
            row["open_wall"] = describe([r["open_wall"] for r in results
                                         if r["file"] == name and r["config"] == c])
            table[name][c] = row
        if "off" not in configs:
            continue
        base = {(s["session"], s["round"]): s for s in timed["off"]}
        for c in configs:
            if c == "off":
                continue
            ratios = {}
            for m in ("wall", "cpu", "build_ast"):
                mine, theirs = table[name][c][m], table[name]["off"][m]
                if not mine or not theirs:
                    continue
                paired = [s[m] / base[(s["session"], s["round"])][m] for s in timed[c]
                          if (s["session"], s["round"]) in base
                          and s.get(m) and base[(s["session"], s["round"])].get(m)]
                ratios[m] = {"medians": mine["median"] / theirs["median"],
                             "minimums": mine["min"] / theirs["min"],
                             "paired": describe(paired)}
            # The checks' share of this configuration's own rebuild, from
            # clangd's spans: no other process can stretch it much, since
            # it is one thread's wall time inside one rebuild.
            if table[name][c]["tidy_match"] and table[name][c]["build_ast"]:
                shares = [s["tidy_match"] / (s["build_ast"] - s["tidy_match"])
                          for s in timed[c] if s.get("build_ast") and s.get("tidy_match")]
                ratios["tidy_share"] = describe(shares)
            table[name][c]["vs_off"] = ratios
    return table


def verdict(row):
    """The goal on one file, judged by CPU time (paired per-round ratios),
    with wall time and clangd's spans beside it."""
    ratios = row.get("vs_off", {})
    cpu = ratios.get("cpu")
    if not cpu:
        return "not measured"
    added = cpu["paired"]["median"] - 1
    met = added <= GOAL
    return "%s (+%.0f%% CPU)" % ("**met**" if met else "**missed**", added * 100)


def fmt(value, digits=3):
    return "n/a" if value is None else "%.*f" % (digits, value)


def report(info, files, configs, table, quick):
    lines = []
    add = lines.append
    m = info["machine"]
    add("Machine: %s CPUs (`nproc`), \"%s\", %s. coroscope-clangd: %s "
        "(copied, sha256 `%s`). Started %s, took %.0f min; %d session(s), "
        "%d timed edit(s) per file and configuration, %d warm-up edit(s) per "
        "session; edits %s."
        % (m["nproc"], m["cpu"], m["kernel"], info["clangd_version"], info["sha256"][:16],
           info["started"], info["minutes"], info["sessions"], info["edits"],
           info["warmup"], "with clangd's debounce" if info["debounce"]
           else "with wantDiagnostics (no debounce)"))
    add("")
    loads = info["load_timed"]
    add("Load average (1 min) while timing: %s." % "; ".join(
        "%s: median %.1f, %.1f-%.1f" % (name, loads[name]["median"], loads[name]["min"],
                                       loads[name]["max"])
        for name in files if loads.get(name)))
    add("")
    add("| file | lines | configuration | edits | wall median | wall min | wall p25-p75 "
        "| CPU median | CPU min | CPU p25-p75 | BuildAST median | ClangTidyMatch median "
        "| coroscope findings |")
    add("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, unit in files.items():
        for c in configs:
            row = table[name][c]
            w, p, b, t = row["wall"], row["cpu"], row["build_ast"], row["tidy_match"]
            if not w:
                continue
            add("| %s | %s | %s | %d | %s | %s | %s-%s | %s | %s | %s-%s | %s | %s | %s |" % (
                name, format(unit["lines"], ","), c, w["n"], fmt(w["median"]), fmt(w["min"]),
                fmt(w["p25"]), fmt(w["p75"]),
                fmt(p["median"]) if p else "n/a", fmt(p["min"]) if p else "n/a",
                fmt(p["p25"]) if p else "n/a", fmt(p["p75"]) if p else "n/a",
                fmt(b["median"]) if b else "n/a", fmt(t["median"]) if t else "n/a",
                ",".join(map(str, row["findings"]))))
    add("")
    add("Seconds. wall: didChange to publishDiagnostics; CPU: the server's CPU time "
        "for the edit; BuildAST and ClangTidyMatch: clangd's trace spans of the "
        "rebuild (ClangTidyMatch is inside BuildAST).")
    if "off" not in configs:
        return "\n".join(lines) + "\n"
    add("")
    add("| file | configuration | wall: medians | minimums | per round (p25-p75) "
        "| CPU: medians | minimums | per round (p25-p75) "
        "| checks / rest of BuildAST | goal: at most +%d%% |" % (GOAL * 100))
    add("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for name in files:
        for c in configs:
            if c == "off":
                continue
            row = table[name][c]
            r = row.get("vs_off", {})
            cells = []
            for m in ("wall", "cpu"):
                x = r.get(m)
                if not x:
                    cells += ["n/a"] * 3
                    continue
                cells += ["%.3fx" % x["medians"], "%.3fx" % x["minimums"],
                          "%.3fx (%.2f-%.2f)" % (x["paired"]["median"], x["paired"]["p25"],
                                                 x["paired"]["p75"])]
            share = r.get("tidy_share")
            cells.append("+%.1f%% (%.1f-%.1f)" % (share["median"] * 100, share["p25"] * 100,
                                                 share["p75"] * 100) if share else "n/a")
            # The goal is about the coroutine-heavy files; the probes show
            # where the time goes.
            judged = (verdict(row) if c == "on" and not quick and name in ("runtime", "asio")
                      else "not judged")
            add("| %s | %s | %s | %s |" % (name, c, " | ".join(cells), judged))
    add("")
    add("Ratios to `off`: of the medians, of the minimums, and the median "
        "(25th-75th percentile) of each edit's time over the `off` edit of the same "
        "round. \"checks / rest of BuildAST\": ClangTidyMatch over the rest of "
        "the same rebuild, from clangd's trace. The goal is judged on the per-round "
        "CPU ratio.")
    return "\n".join(lines) + "\n"


def smoke_problems(results, configs):
    """What --quick asserts."""
    problems = []
    for r in results:
        timed = [s for s in r["samples"] if s["timed"]]
        if not timed:
            problems.append("%s/%s: no timed edit" % (r["file"], r["config"]))
            continue
        counts = {r["first"]["coroscope"]} | {s["diagnostics"]["coroscope"] for s in r["samples"]}
        if len(counts) != 1:
            problems.append("%s/%s: the coroscope findings change from edit to edit: %s"
                            % (r["file"], r["config"], sorted(counts)))
        if r["config"] == "on" and r["file"] in ("runtime", "asio") and not any(counts):
            problems.append("%s/on: no coroscope finding" % r["file"])
        if r["config"] == "off" and any(counts):
            problems.append("%s/off: coroscope findings %s" % (r["file"], sorted(counts)))
        if r["trace_problem"]:
            problems.append("%s/%s: %s" % (r["file"], r["config"], r["trace_problem"]))
        if any(s.get("cpu") is None or s["cpu"] <= 0 for s in r["samples"]):
            problems.append("%s/%s: no CPU time measured" % (r["file"], r["config"]))
    return problems


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clangd", default=os.path.join(
        REPO, "build", "llvm19", "checks", "clangd", "coroscope-clangd"),
        help="coroscope-clangd to measure (copied first; default %(default)s)")
    parser.add_argument("--out", default=os.path.join(REPO, "build", "bench-clangd"),
                        help="results.json, report.md and the scratch folder "
                             "(default %(default)s)")
    parser.add_argument("--files", default="runtime,asio",
                        help="runtime and/or asio (default %(default)s); the probes "
                             "runtime-try, runtime-plain, asio-try, asio-plain are one "
                             "coroutine on the same headers, with and without a try")
    parser.add_argument("--configs", default="off,on",
                        help="off, on, walk, or check globs for Add joined by + "
                             "(default %(default)s; off is the baseline of the ratios)")
    parser.add_argument("--coroutines", type=int, default=300,
                        help="coroutines of the runtime file (default %(default)s)")
    parser.add_argument("--asio-coroutines", type=int, default=140,
                        help="coroutines of the asio file (default %(default)s)")
    parser.add_argument("--edits", type=int, default=40,
                        help="timed edits per file and configuration (default %(default)s)")
    parser.add_argument("--warmup", type=int, default=3,
                        help="untimed edits per server first (default %(default)s)")
    parser.add_argument("--sessions", type=int, default=2,
                        help="fresh servers this many times, the edits split "
                             "between them (default %(default)s)")
    parser.add_argument("--debounce", action="store_true",
                        help="send edits as an editor does, without wantDiagnostics: "
                             "clangd's debounce delay is then part of the time")
    parser.add_argument("--no-trace", dest="trace", action="store_false",
                        help="no CLANGD_TRACE (no BuildAST/ClangTidyMatch spans)")
    parser.add_argument("--timeout", type=float, default=900,
                        help="seconds to wait for any diagnostics (default %(default)s)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the workspaces (and traces) in the scratch folder")
    parser.add_argument("--perf", action="store_true",
                        help="record each server with checks with `perf record` during "
                             "the timed edits (into --out; distorts the timings)")
    parser.add_argument("--perf-frequency", type=int, default=499)
    parser.add_argument("--quick", action="store_true",
                        help="small files, two edits, sanity checks only, no verdict")
    args = parser.parse_args(argv)
    if args.quick:
        args.coroutines, args.asio_coroutines = 40, 14
        args.edits, args.warmup, args.sessions = 2, 1, 1
    configs = [c for c in args.configs.split(",") if c]
    kinds = [k for k in args.files.split(",") if k]
    if not os.path.exists(args.clangd):
        parser.error("%s does not exist" % args.clangd)
    if args.sessions < 1 or args.edits < args.sessions:
        parser.error("need at least one edit per session")
    log = lambda line: print(line, flush=True)

    os.makedirs(args.out, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix="scratch-", dir=args.out)
    # A rebuild of the binary during the run must not mix two binaries.
    clangd = os.path.join(scratch, "coroscope-clangd")
    shutil.copy2(args.clangd, clangd)
    digest = sha256(clangd)
    version = subprocess.run([clangd, "--version"], capture_output=True,
                             text=True).stdout.splitlines()
    info = {"machine": machine(), "argv": sys.argv, "clangd": args.clangd,
            "sha256": digest, "clangd_version": version[0] if version else "?",
            "started": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "load_start": os.getloadavg(), "edits": args.edits, "warmup": args.warmup,
            "sessions": args.sessions, "debounce": args.debounce, "configs": configs}
    log("coroscope-clangd %s, sha256 %s (copied from %s)" % (info["clangd_version"],
                                                             digest, args.clangd))
    files = make_files(kinds, args.coroutines, args.asio_coroutines)
    if not files:
        sys.exit("no file to measure")
    for name, unit in files.items():
        log("%s: %d lines, %d coroutines, edits at line %d" % (
            name, unit["lines"], unit["coroutines"], unit["site"][0] + 1))

    began = time.time()
    results = []
    per_session = [args.edits // args.sessions + (1 if i < args.edits % args.sessions else 0)
                   for i in range(args.sessions)]
    try:
        first = 0
        for index, rounds in enumerate(per_session):
            results += run_session(args, clangd, scratch, files, configs, index, rounds,
                                   first, log)
            first += rounds
    except lsp_test.TestFailure as failure:
        print("FAIL: %s" % failure, file=sys.stderr)
        return 1
    info["minutes"] = (time.time() - began) / 60
    info["load_end"] = os.getloadavg()

    table = summarize(results, files, configs)
    info["load_timed"] = {name: describe([s["load"] for r in results if r["file"] == name
                                          for s in r["samples"] if s["timed"]])
                          for name in files}
    text = report(info, files, configs, table, args.quick)
    with open(os.path.join(args.out, "report.md"), "w") as f:
        f.write(text)
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"info": info, "files": {n: {k: v for k, v in u.items() if k != "text"}
                                           for n, u in files.items()},
                   "results": results, "table": table}, f, indent=1)
    if not args.keep:
        shutil.rmtree(scratch, ignore_errors=True)
    print()
    print(text)
    print("raw results: %s" % os.path.join(args.out, "results.json"))
    if args.quick:
        problems = smoke_problems(results, configs)
        for p in problems:
            print("FAIL: " + p, file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
