#!/usr/bin/env python3
"""Turns the raw measurements of bench/bench.sh into the bench table."""
import glob
import json
import os
import re
import statistics
import subprocess
import sys

W, N, JOBS = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])


def read_time(label):
    try:
        with open(os.path.join(W, "time-" + label)) as f:
            line = f.read().strip().splitlines()[-1]
        wall, rss = line.split()
        return float(wall), int(rss)
    except (OSError, ValueError, IndexError):
        return None, None


def read_log(label):
    durs, summary = [], {}
    stages = {}
    try:
        with open(os.path.join(W, "log-" + label)) as f:
            for line in f:
                line = line.strip()
                if not line.startswith("{"):
                    continue
                o = json.loads(line)
                if o.get("summary"):
                    summary = o
                elif o.get("status") == "rendered":
                    durs.append(o.get("duration_ms", 0.0))
                    for k, v in (o.get("stages_ms") or {}).items():
                        stages.setdefault(k, []).append(v)
    except OSError:
        pass
    STAGES_OF[label] = stages
    return durs, summary


STAGES_OF = {}


def pages_of(path):
    """Pages of a PDF written by libharu (page dicts are not compressed)."""
    try:
        with open(path, "rb") as f:
            return len(re.findall(rb"/Type /Page(?![s\w])", f.read()))
    except OSError:
        return 0


def pct(xs, p):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, int(round(p / 100.0 * (len(xs) - 1)))))
    return xs[k]


def best(a, b):
    """Of two runs of the same configuration, the faster (less noise)."""
    ta, tb = read_time(a)[0], read_time(b)[0]
    if ta is None:
        return b
    if tb is None:
        return a
    return a if ta <= tb else b


rows = []
j1, jn = best("j1", "j1b"), best("jn", "jnb")
t1, rss1 = read_time(j1)
tn, rssn = read_time(jn)
d1, s1 = read_log(j1)
dn, sn = read_log(jn)
ti, _ = read_time("inc")

print("reportgen bench: %d generated profiles, %d CPUs (%s)" % (
    N, JOBS, os.uname().machine))
print()
print("| figure | value |")
print("|---|---|")
if t1:
    print("| 1 worker: wall time, reports/s | %.2f s, %.0f/s |" % (t1, len(d1) / t1))
    print("| 1 worker: ms/report end to end (wall / reports) | %.2f ms |" % (1000 * t1 / max(1, len(d1))))
    print("| 1 worker: per-report time median / p95 (worker clock) | %.2f / %.2f ms |" % (
        statistics.median(d1) if d1 else float("nan"), pct(d1, 95)))
if tn:
    print("| %d workers: wall time, reports/s | %.2f s, %.0f/s |" % (JOBS, tn, len(dn) / tn))
    print("| %d workers: per-report time median / p95 | %.2f / %.2f ms |" % (
        JOBS, statistics.median(dn) if dn else float("nan"), pct(dn, 95)))
if t1 and tn:
    print("| all cores vs one worker | %.2fx |" % (t1 / tn))
if ti is not None and tn:
    print("| incremental rerun, unchanged | %.3f s (%.1f%% of the cold run) |" % (ti, 100 * ti / tn))
# The reports only: the batch also writes index.pdf (a list of them).
pdfs = sorted(p for p in glob.glob(os.path.join(W, "out-" + jn, "*.pdf"))
              if os.path.basename(p) != "index.pdf")
sizes = [os.path.getsize(p) for p in pdfs]
pages = [n for n in (pages_of(p) for p in pdfs[:200]) if n > 0]
if sizes:
    print("| PDF size median / max | %.1f KB / %.1f KB |" % (
        statistics.median(sizes) / 1024, max(sizes) / 1024))
if pages:
    pm = statistics.median(pages)
    print("| pages per report median (min-max) | %g (%d-%d) |" % (
        pm, min(pages), max(pages)))
    if sizes:
        print("| PDF size per page (median size / median pages) | %.1f KB |" % (
            statistics.median(sizes) / 1024 / pm))
    if d1:
        print("| 1 worker: per-report median per page | %.2f ms |" % (
            statistics.median(d1) / pm))
for label, s, rss in (("1 worker", s1, rss1), ("%d workers" % JOBS, sn, rssn)):
    if s.get("parent_max_rss_kb"):
        print("| %s: peak RSS parent / one worker | %.1f MB / %.1f MB |" % (
            label, s["parent_max_rss_kb"] / 1024, s.get("worker_max_rss_kb", 0) / 1024))
    elif rss:
        print("| %s: peak RSS (largest process) | %.1f MB |" % (label, rss / 1024))
try:
    with open(os.path.join(W, "render.json")) as f:
        r = json.load(f)["results"][0]
    print("| `reportgen render` one profile, whole process (mean ± sd, median) | %.1f ± %.1f ms, %.1f ms |" % (
        1000 * r["mean"], 1000 * r["stddev"], 1000 * r["median"]))
except (OSError, KeyError, ValueError, IndexError):
    pass

# Split by stage, wall clock: each worker times its stages per report
# (clock_gettime) and the JSON log carries them as stages_ms.
st = STAGES_OF.get(j1) or {}
if st:
    names = [("load", "parse+validate"), ("score", "score"),
             ("layout", "layout (sections)"),
             ("serialise", "PDF serialisation (fonts, compression)"),
             ("write", "write (temp file + share of the group commit)")]
    meds = {k: statistics.median(st[k]) for k, _ in names if st.get(k)}
    tot = sum(meds.values()) or 1
    print()
    print("Split of one worker's time per report by stage (wall clock, %d reports, 1 worker):" % len(st.get("load", [])))
    print()
    print("| stage | median ms | share of the sum of medians | p95 ms |")
    print("|---|---|---|---|")
    for k, label in names:
        if k in meds:
            print("| %s | %.3f | %.0f%% | %.3f |" % (label, meds[k], 100 * meds[k] / tot, pct(st[k], 95)))

# Split by stage, from callgrind's inclusive instruction counts in the
# worker (the process that ran render_report).
STAGES = [("parse+validate", "profile_load"), ("score", "score_assess"),
          ("layout (sections)", "render_report"), ("PDF serialisation", "pdf_end"),
          ("write (temp file)", "output_stage")]
files = glob.glob(os.path.join(W, "cg.*"))
best_file, best_ir = None, -1
inc = {}
for fpath in files:
    try:
        # --threshold=100: small functions (score_assess is ~0.4% of
        # the instructions) are otherwise left out of the listing.
        out = subprocess.run(["callgrind_annotate", "--inclusive=yes",
                              "--threshold=100", fpath],
                             capture_output=True, text=True, check=False).stdout
    except OSError:
        break
    found = {}
    for line in out.splitlines():
        m = re.match(r"\s*([\d,]+)\s+\(.*?\)\s+\S*?:(\w+) \[", line) or \
            re.match(r"\s*([\d,]+)\s+\S*?:(\w+) \[", line)
        if m:
            name = m.group(2)
            if name not in found:
                found[name] = int(m.group(1).replace(",", ""))
    ir = found.get("render_report", 0)
    if ir > best_ir:
        best_ir, inc = ir, found
if inc:
    rr = inc.get("render_report", 0)
    pe = inc.get("pdf_end", 0)
    parts = {"profile_load": inc.get("profile_load", 0),
             "score_assess": inc.get("score_assess", 0),
             "render_report": max(0, rr - pe),
             "pdf_end": pe,
             "output_stage": inc.get("output_stage", 0)}
    total = sum(parts.values()) or 1
    print()
    print("Split of the worker's instructions by stage (callgrind, 100 profiles, 1 worker;")
    print("write is the temp file only: the group commit's syncs are waits, not instructions):")
    print()
    print("| stage | share | instructions/report |")
    print("|---|---|---|")
    for label, fn in STAGES:
        print("| %s | %.1f%% | %s |" % (label, 100.0 * parts[fn] / total,
                                       format(parts[fn] // 100, ",")))
    print("| worker in all (its start-up and lazy binding included) | | %s |" % format(inc.get("worker_main", 0) // 100, ","))
