#!/usr/bin/env python3
"""make bench: the figures of issue 17, measured the same way every time.

Not part of `make test` (timings never gate tests; tests/t_bench.sh only
checks that this runs and prints every row as a number).

Environment (bench/bench.sh passes it through):
  RG            the binary measured (default build/reportgen)
  BASE          another reportgen to compare with: A = BASE, B = RG, run
                interleaved (A B A B ...); the table gets both columns and
                the ratio B/A
  BENCH_N       profiles generated (default 1000; 10000 for the scaling run)
  BENCH_ROUNDS  interleaved rounds (default 5)
  BENCH_SEED    generator seed (default 1)
  BENCH_SPLIT   1: callgrind instruction counts by stage (default 1)
  BENCH_CG_N    profiles in the callgrind batch (default 100)
  BENCH_RENDER  `render` runs per round and binary (default 10)
  BENCH_QUICK   1: 50 profiles, 2 rounds, 3 render runs a round, no
                callgrind (each can still be set on its own)
  BENCH_KEEP    a directory: keep the raw measurements there

How each figure is taken (docs/performance.md, "The benchmark"):
  - Round r runs, for each kind of run, A then B: a cold batch with 1
    worker (-j 1), a cold batch with all workers (no -j: the batch takes
    the CPUs this process may use; --verbose makes it say how many), then
    the idle rerun (--incremental over that output, nothing changed),
    then the machine's ceiling: the profiles dealt into as many parts as
    there are CPUs, and one 1-worker batch per part, all at once.
    Both cold batches run with --incremental into a new, empty directory.  Wall time is the whole
    process, start-up included; ms per report = wall / reports rendered.
  - The ceiling is what this machine gives independent processes doing
    our work: 1-worker wall / wall of the separate batches (same round).
    An all-worker batch cannot scale past it; "share of the ceiling" is
    scaling / ceiling.
  - Per-report median and p95 are the workers' own clock (duration_ms of
    each result in the --log-format json log): load to staged write.
  - Peak RSS: the batch's JSON summary, parent_max_rss_kb (getrusage
    RUSAGE_SELF of the parent) and worker_max_rss_kb (RUSAGE_CHILDREN
    after the workers are reaped: the largest worker's own peak).
  - Sizes and pages: every report of the last all-worker batch
    (index.pdf and its volumes left out); pages counted from the page objects, checked
    against pdfinfo on a few.
  - One `render`: hyperfine -N, BENCH_RENDER runs per round and binary,
    interleaved like the batches (repeated timing here when hyperfine is
    missing).
  - Instructions by stage: callgrind over a 1-worker batch of BENCH_CG_N
    profiles, in the worker process, by stage (STAGE_PREFIX) and by
    library (LIB_PREFIX); stage_split() says how.
"""
import glob
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib

DATE = "2026-06-01"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def env_int(name, quick, default):
    v = os.environ.get(name)
    if v:
        return int(v)
    return quick if QUICK else default


QUICK = os.environ.get("BENCH_QUICK", "0") not in ("", "0")
N = env_int("BENCH_N", 50, 1000)
ROUNDS = env_int("BENCH_ROUNDS", 2, 5)
SEED = env_int("BENCH_SEED", 1, 1)
SPLIT = env_int("BENCH_SPLIT", 0, 1)
CG_N = env_int("BENCH_CG_N", 100, 100)
RENDER_RUNS = env_int("BENCH_RENDER", 3, 10)
RG = os.path.abspath(os.environ.get("RG") or os.path.join(ROOT, "build/reportgen"))
BASE = os.environ.get("BASE") or None
BINS = [("A", os.path.abspath(BASE)), ("B", RG)] if BASE else [("B", RG)]

# The issue's targets (issue 17; the idle rerun's is issue 12's).
TARGET_MS_1 = 2.0
TARGET_SCALING = 1.85
TARGET_SIZE_KB = 40.0
TARGET_RENDER_MS = 10.0
TARGET_RSS_MB = 32.0
TARGET_IDLE_PCT = 3.0


def die(msg):
    sys.stderr.write("bench: %s\n" % msg)
    sys.exit(1)


def run_batch(rg, args, log):
    """Runs one batch; returns (wall seconds, exit status)."""
    with open(log, "wb") as err:
        t = time.perf_counter()
        p = subprocess.run([rg, "batch", "--date", DATE, "--log-format",
                            "json"] + args, stdout=subprocess.DEVNULL,
                           stderr=err, check=False)
        return time.perf_counter() - t, p.returncode


def run_split(rg, parts, w, label, r):
    """One 1-worker batch per part, all started at once; returns (wall
    seconds until the last ends, worst exit status)."""
    procs = []
    t = time.perf_counter()
    for i, part in enumerate(parts):
        out = os.path.join(w, "out-%s-split-%d" % (label, i))
        shutil.rmtree(out, ignore_errors=True)
        err = open(os.path.join(w, "log-%s-split-%d-%d" % (label, r, i)),
                   "wb")
        procs.append((subprocess.Popen(
            [rg, "batch", "--date", DATE, "--log-format", "json", "-j", "1",
             "-o", out, part], stdout=subprocess.DEVNULL, stderr=err), err))
    rc = 0
    for pr, err in procs:
        rc = max(rc, pr.wait())
        err.close()
    wall = time.perf_counter() - t
    for i in range(len(parts)):
        shutil.rmtree(os.path.join(w, "out-%s-split-%d" % (label, i)),
                      ignore_errors=True)
    return wall, rc


def hwm_kb(pid):
    """VmHWM of a process in kB (as /proc says: KiB), or None."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


def children_of(pid):
    kids = []
    for task in glob.glob("/proc/%d/task/*/children" % pid):
        try:
            with open(task) as f:
                kids += [int(k) for k in f.read().split()]
        except (OSError, ValueError):
            pass
    return kids


def sampled_batch(rg, args, log):
    """Runs one batch (untimed) reading /proc/PID/status VmHWM of its
    workers every 10 ms: {worker pid: last VmHWM seen, KiB}.  A cross-check
    of the JSON summary's worker_max_rss_kb, which getrusage gives."""
    seen = {}
    with open(log, "wb") as err:
        p = subprocess.Popen([rg, "batch", "--date", DATE, "--log-format",
                              "json"] + args, stdout=subprocess.DEVNULL,
                             stderr=err)
        while p.poll() is None:
            for k in children_of(p.pid):
                v = hwm_kb(k)
                if v:
                    seen[k] = max(seen.get(k, 0), v)
            time.sleep(0.01)
    return seen


def read_log(path):
    """What the JSON log of a batch carries: per-report times, summary,
    and the number of workers the batch chose (--verbose note)."""
    durs, summary, workers = [], {}, None
    with open(path, "rb") as f:
        for line in f:
            line = line.strip()
            if not line.startswith(b"{"):
                continue
            try:
                o = json.loads(line)
            except ValueError:
                continue
            if o.get("summary"):
                summary = o
            elif o.get("status") == "rendered":
                durs.append(float(o.get("duration_ms", 0.0)))
            elif o.get("severity") == "note":
                m = re.match(r"-j (\d+): at most", o.get("message") or "")
                if m:
                    workers = int(m.group(1))
    return durs, summary, workers


def pct(xs, p):
    """The p-th percentile, nearest rank."""
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = min(len(xs) - 1, max(0, int(round(p / 100.0 * (len(xs) - 1)))))
    return xs[k]


OBJ_DICT = re.compile(rb"<<((?:[^<>]|<[^<]|>[^>])*?)>>\s*stream\r?\n", re.S)
PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def pages_of(path):
    """Page objects of a PDF: in the file itself and in its (deflated)
    object streams, where pdf_objstm.c puts the page dicts."""
    with open(path, "rb") as f:
        data = f.read()
    n = len(PAGE.findall(data))
    for m in OBJ_DICT.finditer(data):
        if b"/ObjStm" not in m.group(1):
            continue
        try:
            n += len(PAGE.findall(zlib.decompressobj().decompress(
                data[m.end():])))
        except zlib.error:
            pass
    return n


def pdfinfo_pages(path):
    try:
        out = subprocess.run(["pdfinfo", path], capture_output=True,
                             text=True, check=False).stdout
    except OSError:
        return None
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else None


def reports_in(d):
    # index.pdf and its volumes (index.NNN.pdf, above 1,000 candidates)
    # are not reports; no profile id holds a dot
    return sorted(p for p in glob.glob(os.path.join(d, "*.pdf"))
                  if not os.path.basename(p).startswith("index."))


def sizes_pages(d):
    pdfs = reports_in(d)
    sizes = [os.path.getsize(p) for p in pdfs]
    pages = [pages_of(p) for p in pdfs]
    # The counter checked against poppler on the first few.
    if shutil.which("pdfinfo"):
        for p, n in list(zip(pdfs, pages))[:3]:
            ref = pdfinfo_pages(p)
            if ref is not None and ref != n:
                die("%s: %d page objects counted, pdfinfo says %d" %
                    (p, n, ref))
    return sizes, pages


# -- callgrind ---------------------------------------------------------

# Stages of the worker's instructions, by the name prefix of the
# functions the worker's own code (worker.c) calls for a job: the same
# boundaries as the wall-clock stages_ms of the JSON log.  A call's
# inclusive count goes to the stage of the callee; serialise is the part
# of layout spent in the calls render_* makes to pdf_end* (the save,
# compression and fonts).  Calls from worker.c to anything else (IPC,
# claiming a job, freeing, the worker's start-up) are "outside".
STAGE_PREFIX = [
    ("load/validate", ("load_", "profile_load", "readfile", "read_gate")),
    ("score", ("score_",)),
    ("layout", ("render_",)),
    ("write/hash", ("hash_", "output_")),
]
# The worker's instructions by library (self cost by object file name).
LIB_PREFIX = [
    ("reportgen", ("reportgen",)),
    ("compression (zlib, libdeflate)", ("libz.", "libdeflate")),
    ("libharu", ("libhpdf",)),
    ("libc", ("libc.", "libm.")),
    ("libcrypto (SHA-256)", ("libcrypto",)),
    ("libxml2 and ICU", ("libxml2", "libicu")),
]
LIBS = [lib for lib, _ in LIB_PREFIX] + ["other (ld.so, ...)"]
STAGES = ["load/validate", "score", "layout", "serialise/compress",
          "write/hash"]


WARN = []


def stage_of(name):
    for stage, prefixes in STAGE_PREFIX:
        if name.startswith(prefixes):
            return stage
    return None


def parse_callgrind(path):
    """(total Ir, {(caller, callee): inclusive Ir}, {fn: file},
    {object file: self Ir})."""
    names, files, objs = {}, {}, {}
    own = {}
    ob = None
    fn_file = {}
    arcs = {}
    total = 0
    fn = cfn = None
    fl = None
    in_call = False

    def ref(table, s):
        m = re.match(r"\((\d+)\)(?:\s+(.*))?$", s)
        if not m:
            return s
        if m.group(2) is not None:
            table[m.group(1)] = m.group(2)
        return table.get(m.group(1), s)

    with open(path, errors="replace") as f:
        for line in f:
            if line.startswith("ob="):
                ob = ref(objs, line[3:].strip())
            elif line.startswith("cob="):
                ref(objs, line[4:].strip())
            elif line.startswith("fn="):
                fn = ref(names, line[3:].strip())
                fn_file.setdefault(fn, fl)
            elif line.startswith("fl="):
                fl = ref(files, line[3:].strip())
            elif line.startswith(("fi=", "fe=", "cfi=", "cfl=")):
                ref(files, line.split("=", 1)[1].strip())
            elif line.startswith("cfn="):
                cfn = ref(names, line[4:].strip())
            elif line.startswith("calls="):
                in_call = True
            elif line.startswith(("summary:", "totals:")):
                total = max(total, int(line.split()[1]))
            elif line[:1].isdigit() or line[:1] in "+-*":
                parts = line.split()
                if len(parts) >= 2:
                    if in_call:
                        arcs[(fn, cfn)] = arcs.get((fn, cfn), 0) + \
                            int(parts[1])
                    else:
                        own[ob] = own.get(ob, 0) + int(parts[1])
                in_call = False
    return total, arcs, fn_file, own


def stage_split(files, reports, label="B"):
    """Instructions per report by stage, from the worker's callgrind
    file (the one whose worker.c called render_*)."""
    best = None
    for path in files:
        total, arcs, fn_file, own = parse_callgrind(path)
        stages = dict.fromkeys(STAGES, 0)
        for (caller, callee), ir in arcs.items():
            src = fn_file.get(caller) or ""
            if src.endswith("worker.c") and stage_of(caller) is None:
                s = stage_of(callee)
                if s is not None:
                    stages[s] += ir
            if caller.startswith("render_") and callee.startswith("pdf_end"):
                stages["serialise/compress"] += ir
                stages["layout"] -= ir
        if best is None or stages["layout"] > best[1]["layout"]:
            best = (total, stages, own)
    if best is None or best[1]["layout"] <= 0 or reports <= 0:
        return None
    total, stages, own = best
    out = {k: v / reports for k, v in stages.items()}
    out["outside the stages (start-up, IPC, exit)"] = \
        (total - sum(stages.values())) / reports
    out["worker in all"] = total / reports
    # The same instructions by where they ran (self cost by object file).
    libs = dict.fromkeys(LIBS, 0)
    for obj, ir in own.items():
        base = os.path.basename(obj or "")
        for lib, prefixes in LIB_PREFIX:
            if base.startswith(prefixes):
                libs[lib] += ir
                break
        else:
            libs[LIBS[-1]] += ir
    for lib, ir in libs.items():
        out["lib:" + lib] = ir / reports
    # Checks of the parse and of the map: the self costs add up to the
    # process's total, and no stage is empty (a function renamed, that
    # STAGE_PREFIX no longer finds, would leave its stage at 0).
    if abs(sum(libs.values()) - total) > total / 100:
        WARN.append(label + ": callgrind: the self costs add up to %d, the total is %d"
                    % (sum(libs.values()), total))
    for s in STAGES:
        if stages[s] <= 0:
            WARN.append(label + ": callgrind: no instructions in stage %s (a function "
                        "renamed? bench/bench.py STAGE_PREFIX)" % s)
    return out


def callgrind(rg, w, label, inputs):
    out = os.path.join(w, "out-cg-" + label)
    pat = os.path.join(w, "cg-%s.%%p" % label)
    subprocess.run(["valgrind", "--tool=callgrind",
                    "--callgrind-out-file=" + pat, rg, "batch", "-q", "-j",
                    "1", "-o", out, "--date", DATE, inputs],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    n = len(reports_in(out))
    split = stage_split(glob.glob(os.path.join(w, "cg-%s.*" % label)), n,
                        label)
    shutil.rmtree(out, ignore_errors=True)
    return split


RENDER_HOW = ("hyperfine -N" if shutil.which("hyperfine") else
              "repeated timing, no hyperfine")


# -- render ------------------------------------------------------------

def time_render(rg, w, label, one, runs):
    """Wall times (s) of `runs` render processes."""
    pdf = os.path.join(w, "one-%s.pdf" % label)
    cmd = [rg, "render", one, "-o", pdf, "--date", DATE]
    if shutil.which("hyperfine"):
        js = os.path.join(w, "hf-%s.json" % label)
        subprocess.run(["hyperfine", "-N", "-w", "1", "-r", str(max(2, runs)),
                        "--export-json", js, shlex.join(cmd)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        try:
            with open(js) as f:
                return json.load(f)["results"][0]["times"]
        except (OSError, ValueError, KeyError, IndexError):
            die("hyperfine gave no times for %s" % " ".join(cmd))
    times = []
    subprocess.run(cmd, check=False)	# warm-up
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=False)
        times.append(time.perf_counter() - t)
    return times


# -- the table -----------------------------------------------------------

def spread(xs):
    """(median, min, max) of the rounds."""
    xs = [x for x in xs if x is not None]
    if not xs:
        return None
    return statistics.median(xs), min(xs), max(xs)


def iqr(xs):
    return statistics.median(xs), pct(xs, 25), pct(xs, 75)


def fmt(v, prec):
    if v is None:
        return "n/a"
    if isinstance(v, tuple):
        m, lo, hi = v
        return "%.*f (%.*f-%.*f)" % (prec, m, prec, lo, prec, hi)
    return "%.*f" % (prec, v)


def central(v):
    if v is None:
        return None
    return v[0] if isinstance(v, tuple) else v


def main():
    if not os.access(RG, os.X_OK):
        die("%s: not an executable (make B=build build/reportgen)" % RG)
    for _, b in BINS:
        if not os.access(b, os.X_OK):
            die("%s: not an executable" % b)
    w = tempfile.mkdtemp(prefix="rgbench.", dir=os.environ.get("TMPDIR"))
    try:
        text = measure(w)
    finally:
        keep = os.environ.get("BENCH_KEEP")
        if keep:
            shutil.copytree(w, keep, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("in", "out-*", "cg-in"))
        shutil.rmtree(w, ignore_errors=True)
    print(text)


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return f.read().split()[0]
    except (OSError, IndexError):
        return "?"


LOAD = {}


def measure(w):
    LOAD["start"] = loadavg()
    inputs = os.path.join(w, "in")
    subprocess.run([sys.executable, os.path.join(ROOT, "tests/gen_profiles.py"),
                    "--seed", str(SEED), "--count", str(N), "--out", inputs],
                   check=True, stdout=subprocess.DEVNULL)
    names = sorted(os.listdir(inputs))
    one = os.path.join(inputs, names[0])
    # The ceiling's parts: the same profiles dealt round-robin, linked.
    ncpu = len(os.sched_getaffinity(0))
    parts = [os.path.join(w, "in-part-%d" % i) for i in range(ncpu)]
    for d in parts:
        os.mkdir(d)
    for i, name in enumerate(names):
        os.link(os.path.join(inputs, name),
                os.path.join(parts[i % ncpu], name))

    # Warm-up, not counted: each binary and its libraries in the page
    # cache, the data files read once.
    warm = os.path.join(w, "warm-in")
    os.mkdir(warm)
    shutil.copy(one, warm)
    for label, rg in BINS:
        run_batch(rg, ["-j", "1", "-o", os.path.join(w, "warm-out-" + label),
                       warm], os.path.join(w, "warm.log"))

    R = {label: {"j1": [], "jn": [], "idle": [], "split": [], "render": []}
         for label, _ in BINS}
    workers = None
    for r in range(ROUNDS):
        sys.stderr.write("bench: round %d of %d\n" % (r + 1, ROUNDS))
        for kind in ("j1", "jn", "idle"):
            for label, rg in BINS:
                out = os.path.join(w, "out-%s-%s" % (label, "j1" if kind == "j1" else "jn"))
                log = os.path.join(w, "log-%s-%s-%d" % (label, kind, r))
                # Both cold runs alike but for -j: --incremental into an
                # empty directory renders everything and records what the
                # idle rerun then finds current.
                if kind == "j1":
                    shutil.rmtree(out, ignore_errors=True)
                    args = ["-j", "1", "--verbose", "--incremental", "-o",
                            out, inputs]
                elif kind == "jn":
                    shutil.rmtree(out, ignore_errors=True)
                    args = ["--verbose", "--incremental", "-o", out, inputs]
                else:
                    args = ["--incremental", "-o", out, inputs]
                wall, rc = run_batch(rg, args, log)
                durs, summary, nw = read_log(log)
                if kind == "j1":	# sizes and pages come from jn's
                    shutil.rmtree(out, ignore_errors=True)
                if kind == "jn" and nw is not None:
                    workers = workers or nw
                R[label][kind].append({"wall": wall, "rc": rc, "durs": durs,
                                       "summary": summary})
        for label, rg in BINS:
            wall, rc = run_split(rg, parts, w, label, r)
            if rc != 0:
                WARN.append("%s: a batch of the ceiling run exited %d"
                            % (label, rc))
            R[label]["split"].append({"wall": wall, "rc": rc})
        for label, rg in BINS:
            R[label]["render"] += time_render(rg, w, label, one, RENDER_RUNS)

    # One more all-worker batch, untimed: the workers' VmHWM sampled.
    for label, rg in BINS:
        out = os.path.join(w, "out-%s-hwm" % label)
        R[label]["hwm"] = sampled_batch(rg, ["-o", out, inputs],
                                        os.path.join(w, "log-hwm-" + label))
        shutil.rmtree(out, ignore_errors=True)

    split = {}
    if SPLIT:
        if not shutil.which("valgrind"):
            die("BENCH_SPLIT=1 needs valgrind (make deps; or BENCH_SPLIT=0)")
        cg_in = os.path.join(w, "cg-in")
        os.mkdir(cg_in)
        for name in names[:CG_N]:
            shutil.copy(os.path.join(inputs, name), cg_in)
        for label, rg in BINS:
            sys.stderr.write("bench: callgrind, %s\n" % label)
            split[label] = callgrind(rg, w, label, cg_in)

    LOAD["end"] = loadavg()
    return table(w, R, split, workers, min(CG_N, N))


def figures(w, label, runs, split, workers):
    """{row key: value} for one binary."""
    f = {}
    j1, jn, idle = runs["j1"], runs["jn"], runs["idle"]

    def rendered(x):
        return x["summary"].get("rendered") or len(x["durs"])

    f["rendered"] = min(rendered(x) for x in j1 + jn)
    f["ms1"] = spread([1000 * x["wall"] / max(1, rendered(x)) for x in j1])
    f["msn"] = spread([1000 * x["wall"] / max(1, rendered(x)) for x in jn])
    f["scaling"] = spread([a["wall"] / b["wall"] for a, b in zip(j1, jn)])
    f["ceiling"] = spread([a["wall"] / b["wall"]
                           for a, b in zip(j1, runs["split"])])
    f["ceil_share"] = spread([100 * s["wall"] / b["wall"]
                              for s, b in zip(runs["split"], jn)])
    f["med1"] = spread([statistics.median(x["durs"]) if x["durs"] else None
                        for x in j1])
    f["p951"] = spread([pct(x["durs"], 95) if x["durs"] else None for x in j1])
    f["medn"] = spread([statistics.median(x["durs"]) if x["durs"] else None
                        for x in jn])
    f["p95n"] = spread([pct(x["durs"], 95) if x["durs"] else None for x in jn])

    def rss(xs, key):
        v = [x["summary"].get(key) for x in xs]
        return spread([k * 1024 / 1e6 for k in v if k])
    f["rss_w1"] = rss(j1, "worker_max_rss_kb")
    f["rss_wn"] = rss(jn, "worker_max_rss_kb")
    hwm = runs.get("hwm") or {}
    f["rss_hwm"] = max(hwm.values()) * 1024 / 1e6 if hwm else None
    f["hwm_workers"] = len(hwm)
    f["rss_p1"] = rss(j1, "parent_max_rss_kb")
    f["rss_pn"] = rss(jn, "parent_max_rss_kb")
    f["idle"] = spread([x["wall"] for x in idle])
    f["idle_unchanged"] = min(x["summary"].get("unchanged", 0) for x in idle)
    f["idle_pct"] = spread([100 * i["wall"] / c["wall"]
                            for i, c in zip(idle, jn)])
    sizes, pages = sizes_pages(os.path.join(w, "out-%s-jn" % label))
    if sizes:
        kb = [s / 1000 for s in sizes]
        f["size"] = (statistics.median(kb), min(kb), max(kb))
        f["pages"] = (statistics.median(pages), min(pages), max(pages))
        pm = statistics.median(pages)
        f["size_page"] = statistics.median(kb) / pm if pm else None
        f["ms1_page"] = (tuple(v / pm for v in f["ms1"])
                         if f["ms1"] and pm else None)
    f["render"] = iqr([1000 * t for t in runs["render"]])
    f["render_n"] = len(runs["render"])
    f["split"] = split.get(label)
    return f


def table(w, R, split, workers, cg_n):
    F = {label: figures(w, label, R[label], split, workers)
         for label, _ in BINS}
    b = F["B"]
    nw = workers if workers is not None else "?"
    # (key, label, precision, target text, met test on the median)
    rows = [
        ("ms1", "ms per report, 1 worker, end to end (wall / reports)", 2,
         "<= %.1f" % TARGET_MS_1, lambda v: v <= TARGET_MS_1),
        ("ms1_page", "ms per page, 1 worker (the same / median pages)", 3,
         "", None),
        ("msn", "ms per report, all %s workers, end to end" % nw, 2, "",
         None),
        ("scaling", "all workers vs one (1-worker wall / all-worker wall, "
         "same round)", 2, ">= %.2f" % TARGET_SCALING,
         lambda v: v >= TARGET_SCALING),
        ("ceiling", "machine ceiling: 1-worker wall / wall of one 1-worker "
         "batch per CPU over its share of the profiles, all at once "
         "(same round)", 2, "", None),
        ("ceil_share", "scaling as % of the ceiling (wall of the separate "
         "batches / all-worker wall, same round)", 1, "", None),
        ("med1", "per report, worker clock, 1 worker: median ms", 2, "",
         None),
        ("p951", "per report, worker clock, 1 worker: p95 ms", 2, "", None),
        ("medn", "per report, worker clock, all workers: median ms", 2, "",
         None),
        ("p95n", "per report, worker clock, all workers: p95 ms", 2, "",
         None),
        ("size", "PDF size per report, kB: median (min-max over the "
         "reports)", 1, "<= %.0f" % TARGET_SIZE_KB,
         lambda v: v <= TARGET_SIZE_KB),
        ("pages", "pages per report: median (min-max over the reports)", 0,
         "", None),
        ("size_page", "PDF size per page, kB (median size / median pages)",
         2, "", None),
        ("rss_w1", "peak RSS per worker, MB, 1-worker batch", 1,
         "<= %.0f" % TARGET_RSS_MB, lambda v: v <= TARGET_RSS_MB),
        ("rss_wn", "peak RSS per worker, MB, all-worker batch (largest "
         "worker)", 1, "<= %.0f" % TARGET_RSS_MB,
         lambda v: v <= TARGET_RSS_MB),
        ("rss_hwm", "peak RSS per worker, MB, sampled: largest VmHWM of "
         "the workers of one more all-worker batch", 1,
         "<= %.0f" % TARGET_RSS_MB, lambda v: v <= TARGET_RSS_MB),
        ("rss_p1", "peak RSS of the parent, MB, 1-worker batch", 1, "",
         None),
        ("rss_pn", "peak RSS of the parent, MB, all-worker batch", 1, "",
         None),
        ("idle", "idle incremental rerun, s (all workers, nothing changed)",
         3, "", None),
        ("idle_pct", "idle rerun, % of the cold all-worker run (same round)",
         1, "<= %.0f (issue 12)" % TARGET_IDLE_PCT,
         lambda v: v <= TARGET_IDLE_PCT),
        ("render", "one `render` process, ms (%s): median (IQR p25-p75 "
         "of %d runs)" % (RENDER_HOW, b["render_n"]), 1,
         "<= %.0f" % TARGET_RENDER_MS,
         lambda v: v <= TARGET_RENDER_MS),
    ]
    if split:
        for s in STAGES + ["outside the stages (start-up, IPC, exit)",
                           "worker in all"]:
            rows.append(("ir:" + s, "instructions per report (M), %s" % s,
                         2, "", None))
        for lib in LIBS:
            rows.append(("ir:lib:" + lib, "instructions per report (M), "
                         "in %s" % lib, 2, "", None))
    for label in F:
        sp = F[label].pop("split") or {}
        for s, v in sp.items():
            F[label]["ir:" + s] = v / 1e6

    out = []
    hw = os.uname().machine
    out.append("reportgen bench: %d generated profiles (seed %d), %s workers "
               "(the CPUs this process may use), %s, %d interleaved rounds%s"
               % (N, SEED, nw, hw, ROUNDS,
                  " (quick)" if QUICK else ""))
    out.append("Load average (1 min) %s at the start, %s at the end, on %d "
               "CPUs online." % (LOAD.get("start"), LOAD.get("end"),
                                 os.cpu_count() or 0))
    for label, rg in BINS:
        out.append("%s = %s" % (label, rg))
    out.append("Timed figures: median of the rounds (min-max over the rounds),"
               " except `render` (IQR); sizes and pages: median over the "
               "reports (min-max).")
    out.append("kB = 1000 bytes, MB = 1,000,000 bytes.  Per-report worker "
               "clock: duration_ms of each result in the JSON log.")
    if split:
        out.append("Instructions: callgrind over a 1-worker batch of %d "
                   "profiles, worker process, per report; stages by the "
                   "name prefix of the functions worker.c calls "
                   "(bench/bench.py, STAGE_PREFIX)." % cg_n)
    for msg in WARN:
        out.append("WARNING: " + msg)
    for label in F:
        if F[label]["rendered"] < N:
            out.append("WARNING: %s rendered only %d of %d profiles in a "
                       "run" % (label, F[label]["rendered"], N))
        if F[label]["idle_unchanged"] < F[label]["rendered"]:
            out.append("WARNING: %s's idle rerun found only %d reports "
                       "unchanged" % (label, F[label]["idle_unchanged"]))
    out.append("")
    if BASE:
        out.append("| figure | target | A (BASE) | B (this build) | B/A | "
                   "met (B) |")
        out.append("|---|---|---|---|---|---|")
    else:
        out.append("| figure | target | measured | met |")
        out.append("|---|---|---|---|")
    for key, text, prec, target, ok in rows:
        vb = b.get(key)
        met = "-"
        if ok is not None:
            met = "n/a" if central(vb) is None else \
                ("yes" if ok(central(vb)) else "no")
        if BASE:
            va = F["A"].get(key)
            ca, cb = central(va), central(vb)
            ratio = "%.3f" % (cb / ca) if ca and cb is not None else "n/a"
            out.append("| %s | %s | %s | %s | %s | %s |" % (
                text, target or "-", fmt(va, prec), fmt(vb, prec), ratio,
                met))
        else:
            out.append("| %s | %s | %s | %s |" % (
                text, target or "-", fmt(vb, prec), met))
    return "\n".join(out)


if __name__ == "__main__":
    main()
