#!/bin/sh
# t_rounding.sh: one rounding, carried everywhere (issue 11).
#
# 1,000 generated profiles (tests/gen_profiles.py, fixed seed) in one batch
# (250 under an ASan build).
# For every profile the fit figures must read the same in
#   - `score --format json`   fits.ROLE.score and each component's points,
#   - `score` (text)          the "total" row and the component rows,
#   - summary.csv             the fde and mlops columns,
#   - state.db (run state)    each profile's fde and mlops (the carried value),
#   - index.pdf               the two fit columns (pdftotext -layout),
# and, for a sample of SAMPLE reports (default 50), on page 1 of the PDF:
# the component points, every "FDE fit X" / "MLOps fit X" in the text, and
# the figure on each gauge: the carried value, or that value rounded to a
# whole number half up (68.5 reads 69, as a reader rounds).
# Then an idle `batch --incremental` must leave summary.csv and index.pdf
# byte for byte as they were.
#
# Needs python3 and pdftotext (poppler-utils); without them the test is
# skipped, or fails under CI=true.
cd "$(dirname "$0")/.." || exit 1
RG=${RG:-build/reportgen}
DATE=2026-06-01
COUNT=${COUNT:-1000}
SAMPLE=${SAMPLE:-50}
# Under ASan (make check-asan) a quarter of the batch: that run looks for
# memory errors on the same paths; the plain run holds the 1,000.
if nm "$RG" 2>/dev/null | grep -q __asan_init; then
	COUNT=${ASAN_COUNT:-250}; SAMPLE=25
	echo "t_rounding: ASan build, $COUNT profiles"
fi

. tests/lib.sh
need python3 pdftotext

tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_rounding.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
bad() { echo "FAIL: $*"; fail=1; }

python3 tests/gen_profiles.py --seed 11 --count "$COUNT" --out "$tmp/in" ||
    { bad "gen_profiles.py failed"; exit 1; }
"$RG" batch -q -j 2 --date "$DATE" -o "$tmp/out" "$tmp/in" 2>"$tmp/batch.err" ||
    { bad "batch: exit $?"; cat "$tmp/batch.err"; exit 1; }
"$RG" score --format json --date "$DATE" "$tmp/in" >"$tmp/score.jsonl" \
    2>/dev/null || bad "score --format json: exit $?"
"$RG" score --date "$DATE" "$tmp/in" >"$tmp/score.txt" 2>/dev/null ||
    bad "score: exit $?"
pdftotext -layout "$tmp/out/index.pdf" "$tmp/index.txt" ||
    bad "pdftotext index.pdf failed"

# A fixed sample of reports: every (COUNT / SAMPLE)th profile.
step=$((COUNT / SAMPLE)); [ "$step" -ge 1 ] || step=1
mkdir "$tmp/p1"
i=0
while [ "$i" -lt "$COUNT" ]; do
	id=$(printf 'gen-%06d' "$i")
	pdftotext -raw -f 1 -l 1 "$tmp/out/$id.pdf" "$tmp/p1/$id.txt" ||
	    bad "pdftotext $id.pdf failed"
	i=$((i + step))
done

python3 - "$tmp" "$COUNT" <<'EOF' || fail=1
import collections, csv, glob, json, math, os, re, sys

tmp, count = sys.argv[1], int(sys.argv[2])
ROLES = ("fde", "mlops")
COMPS = ("skills", "experience", "preference")
diff = collections.defaultdict(list)      # id -> ["where: what", ...]
kinds = collections.defaultdict(set)     # where -> ids


def f1(v):
    return "%.1f" % v


def note(pid, where, what):
    diff[pid].append("%s: %s" % (where, what))
    kinds[where].add(pid)


# JSON: the carried values, as the one-decimal strings every output must show
js = {}
for line in open(os.path.join(tmp, "score.jsonl"), encoding="utf-8"):
    o = json.loads(line)
    fits = o["fits"]
    js[o["id"]] = {
        "fit": {r: fits[r]["score"] for r in ROLES},
        "pts": {(r, c): fits[r]["components"][c]["points"]
                for r in ROLES for c in COMPS}}
if len(js) != count:
    print("FAIL: %d JSON objects for %d profiles" % (len(js), count))
    sys.exit(1)

# text: "Name (id), XX market, ..." then the Fit table
txt = {}
cur = None
for line in open(os.path.join(tmp, "score.txt"), encoding="utf-8"):
    m = re.match(r".* \((gen-\d+)\), (US|IN) market", line)
    if m:
        cur = txt.setdefault(m.group(1), {})
        continue
    m = re.match(r"  (skills|experience|preference|total)\s+(\S+)\s+(\S+)\s+\d+$",
                 line)
    if m and cur is not None and m.group(1) not in cur:
        cur[m.group(1)] = (m.group(2), m.group(3))
for pid, j in js.items():
    t = txt.get(pid)
    if not t or "total" not in t:
        note(pid, "text fit", "no Fit table found")
        continue
    for k, (a, b) in t.items():
        want = ((f1(j["fit"]["fde"]), f1(j["fit"]["mlops"])) if k == "total"
                else (f1(j["pts"][("fde", k)]), f1(j["pts"][("mlops", k)])))
        if (a, b) != want:
            note(pid, "text fit" if k == "total" else "text points",
                 "%s %s/%s, JSON %s/%s" % (k, a, b, *want))

# summary.csv
rows = {r["id"]: r for r in csv.DictReader(
    open(os.path.join(tmp, "out", "summary.csv"), encoding="utf-8"))}
for pid, j in js.items():
    r = rows.get(pid)
    if r is None:
        note(pid, "summary.csv", "no row")
        continue
    for role in ROLES:
        if r[role] != f1(j["fit"][role]):
            note(pid, "summary.csv", "%s %s, JSON %s" % (role, r[role],
                 f1(j["fit"][role])))

# the run state (state.db): the carried value, not the full-precision one
import sqlite3
db = sqlite3.connect("file:%s?mode=ro" % os.path.join(tmp, "out", "state.db"),
                     uri=True)
mrows = {i: {"fde": f, "mlops": m} for i, f, m in
         db.execute("SELECT id, fde, mlops FROM entry")}
db.close()
for pid, j in js.items():
    e = mrows.get(pid)
    if e is None:
        note(pid, "manifest", "no entry")
        continue
    for role in ROLES:
        v = e.get(role)
        if not isinstance(v, (int, float)) or abs(v - j["fit"][role]) > 1e-9:
            note(pid, "manifest", "%s %r, JSON %s" % (role, v, f1(j["fit"][role])))

# index.pdf: rows carry no id, so compare the multiset of fit pairs
idx = collections.Counter()
for line in open(os.path.join(tmp, "index.txt"), encoding="utf-8"):
    m = re.search(r"\s(\d{1,3}\.\d)\s+(\d{1,3}\.\d)\s+\S", line)
    if m:
        idx[(m.group(1), m.group(2))] += 1
want = collections.Counter((f1(j["fit"]["fde"]), f1(j["fit"]["mlops"]))
                           for j in js.values())
if sum(idx.values()) != count:
    print("FAIL: index.pdf shows %d fit rows for %d profiles"
          % (sum(idx.values()), count))
    kinds["index.pdf"].add("rows")
extra, missing = idx - want, want - idx
if missing:
    kinds["index.pdf"].update(missing)
    print("index.pdf: %d JSON fit pairs not in the index (FDE/MLOps), e.g. %s;"
          " the index has instead e.g. %s" % (sum(missing.values()),
          ", ".join("%s/%s" % p for p in sorted(missing)[:4]),
          ", ".join("%s/%s" % p for p in sorted(extra)[:4]) or "-"))

# page 1 of the sampled reports
BLOCK = (r"{name}\n(\d+(?:\.\d)?)\nout of 100\n(?:[A-Z ]+\n)?"   # the RECOMMENDED pill
         r"POINTS BY COMPONENT\nSkills (\S+) / 70\n"
         r"Experience (\S+) / 15\nPreference (\S+) / 15\n")
NAMES = {"fde": "Forward Deployed Engineer", "mlops": "MLOps Engineer"}
SHORT = {"fde": "FDE", "mlops": "MLOps"}
sampled = 0
for path in sorted(glob.glob(os.path.join(tmp, "p1", "*.txt"))):
    pid = os.path.basename(path)[:-4]
    text = open(path, encoding="utf-8").read()
    j = js[pid]
    sampled += 1
    for role in ROLES:
        m = re.search(BLOCK.format(name=re.escape(NAMES[role])), text)
        if not m:
            note(pid, "pdf fit", "no %s fit card on page 1" % SHORT[role])
            continue
        gauge = m.group(1)
        half_up = math.floor(j["fit"][role] + 0.5 + 1e-9)
        if abs(float(gauge) - j["fit"][role]) > 1e-9 and \
                ("." in gauge or int(gauge) != half_up):
            note(pid, "pdf gauge", "%s gauge %s, JSON %s" % (SHORT[role], gauge,
                 f1(j["fit"][role])))
        for c, s in zip(COMPS, m.groups()[1:]):
            if abs(float(s) - j["pts"][(role, c)]) > 1e-9:
                note(pid, "pdf points", "%s %s %s, JSON %s" % (SHORT[role], c, s,
                     f1(j["pts"][(role, c)])))
        for s in re.findall(r"\b%s fit (\d+(?:\.\d+)?)" % SHORT[role], text):
            if s != f1(j["fit"][role]):
                note(pid, "pdf fit", "'%s fit %s', JSON %s" % (SHORT[role], s,
                     f1(j["fit"][role])))

n = len(diff)
for pid in sorted(diff)[:15]:
    print("%s: %s" % (pid, "; ".join(diff[pid])))
print("rounding: %d profiles, page 1 of %d reports: %d profiles differ somewhere"
      % (count, sampled, n))
print("  fit differs from JSON: text %d, summary.csv %d, state.db %d, "
      "index.pdf %d pairs, page 1 %d; gauge not JSON rounded half up: %d; component points "
      "differ: text %d, page 1 %d" % tuple(len(kinds[k]) for k in (
          "text fit", "summary.csv", "manifest", "index.pdf", "pdf fit", "pdf gauge",
          "text points", "pdf points")))
sys.exit(1 if n or kinds["index.pdf"] else 0)
EOF

# An idle incremental rerun changes nothing.
cp "$tmp/out/summary.csv" "$tmp/summary.before"
cp "$tmp/out/index.pdf" "$tmp/index.before"
"$RG" batch -q -j 2 --incremental --date "$DATE" -o "$tmp/out" "$tmp/in" \
    2>"$tmp/batch2.err" || { bad "incremental batch: exit $?"; cat "$tmp/batch2.err"; }
if ! cmp -s "$tmp/summary.before" "$tmp/out/summary.csv"; then
	n=$(diff "$tmp/summary.before" "$tmp/out/summary.csv" | grep -c '^>')
	bad "idle --incremental rerun changed $n rows of summary.csv"
	diff "$tmp/summary.before" "$tmp/out/summary.csv" | head -6
fi
cmp -s "$tmp/index.before" "$tmp/out/index.pdf" ||
    bad "idle --incremental rerun changed index.pdf"

[ $fail -eq 0 ] && echo "t_rounding: ok"
exit $fail
