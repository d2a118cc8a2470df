#!/bin/sh
# t_score.sh: `reportgen score`.
#
#   - each inputs/X.xml scored on 2026-06-01 matches tests/golden/X.score.json
#     byte for byte (UPDATE=1 rewrites the golden files instead);
#   - every line of `score --format json inputs` is a JSON object with both
#     fits, their components, the recommendation, seniority, salary with
#     basis, plan phases and raises;
#   - SOURCE_DATE_EPOCH stands in for --date;
#   - an invalid profile gives exit 65 while the valid ones still print;
#   - usage errors give 64, --help 0.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
need python3
RG=${RG:-build/reportgen}
DATE=2026-06-01
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_score.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# Pretty-printed, for a readable diff of one-line JSON.
pretty() { python3 -m json.tool "$1" 2>/dev/null || cat "$1"; }

# --- golden files
n=0
for f in inputs/*.xml; do
	id=$(basename "$f" .xml)
	g=tests/golden/$id.score.json
	"$RG" score --format json --date "$DATE" "$f" >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ "$st" -ne 0 ]; then
		bad "$f: exit $st"; cat "$tmp/err"; continue
	fi
	if [ -n "$UPDATE" ]; then
		mkdir -p tests/golden && cp "$tmp/out" "$g"; continue
	fi
	if [ ! -f "$g" ]; then
		bad "$g missing (make the golden files with UPDATE=1)"; continue
	fi
	if ! cmp -s "$g" "$tmp/out"; then
		bad "$f: output differs from $g"
		pretty "$g" >"$tmp/want"; pretty "$tmp/out" >"$tmp/got"
		diff -u "$tmp/want" "$tmp/got" | head -40
	fi
	n=$((n + 1))
done
[ -n "$UPDATE" ] && { echo "golden files rewritten"; exit $fail; }
[ "$n" -gt 0 ] || bad "no inputs/*.xml to compare"
for g in tests/golden/*.score.json; do
	[ -f "$g" ] || continue
	[ -f "inputs/$(basename "$g" .score.json).xml" ] ||
	    bad "$g has no input any more"
done
echo "golden: $n compared"

# --- every line of JSON Lines output has the parts a report needs
"$RG" score --format json inputs >"$tmp/all.jsonl" 2>"$tmp/err" ||
    bad "score --format json inputs: exit $?"
lines=$(wc -l <"$tmp/all.jsonl")
[ "$lines" -eq "$n" ] || bad "expected $n JSON lines, got $lines"
python3 - "$tmp/all.jsonl" <<'EOF' || fail=1
import json, sys
ok = True
for i, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    def need(cond, what):
        global ok
        if not cond:
            print("FAIL: line %d: %s" % (i, what)); ok = False
    try:
        o = json.loads(line)
    except ValueError as e:
        need(False, "not JSON: %s" % e); continue
    for r in ("fde", "mlops"):
        f = o.get("fits", {}).get(r, {})
        need(0 <= f.get("score", -1) <= 100, r + " fit score")
        c = f.get("components", {})
        for k in ("skills", "experience", "preference"):
            need(all(x in c.get(k, {}) for x in ("value", "weight",
                 "points")), r + " component " + k)
        need(isinstance(o.get("raises", {}).get(r), list), r + " raises")
        b = o.get("salary", {}).get(r, 0)
        need(b is None or b.get("basis") in ("base", "total", "unstated"),
             r + " band basis")
        need(b is None or b.get("kind") in ("published", "estimate"),
             r + " band kind")
        need(o.get("salary", {}).get("change", {}).get(r, {}).get(
             "comparison") in ("below", "within", "at_or_above_floor",
             "above", "different_basis", "not_comparable"),
             r + " pay comparison")
    need(o.get("recommendation", {}).get("id") in
         ("fde", "mlops", "either", "not_yet",
          "insufficient_evidence"), "recommendation id")
    need(len(o["recommendation"].get("reasons", [])) >= 1, "reasons")
    need(o.get("seniority") in ("junior", "mid", "senior", "staff"),
         "seniority")
    need("currency" in o.get("salary", {}), "salary currency")
    p = o.get("plan", {})
    need(isinstance(p.get("phases"), list), "plan phases")
    need(abs(sum(x["hours"] for x in p.get("phases", [])) -
             p.get("hours", -1)) < 0.2, "phase hours add up")
    need(len(o.get("dimensions", [])) == 8, "8 dimensions")
sys.exit(0 if ok else 1)
EOF

# --- SOURCE_DATE_EPOCH (2026-06-01T00:00:00Z) is the default date
f=inputs/priya-raghunathan.xml
if [ -f "$f" ]; then
	SOURCE_DATE_EPOCH=1780272000 "$RG" score --format json "$f" \
	    >"$tmp/epoch" 2>/dev/null
	cmp -s "$tmp/epoch" tests/golden/priya-raghunathan.score.json ||
	    bad "SOURCE_DATE_EPOCH does not give the --date output"
	"$RG" score --date "$DATE" "$f" >"$tmp/text" 2>/dev/null ||
	    bad "text format: exit $?"
	grep -q '^Recommendation: ' "$tmp/text" ||
	    bad "text format has no Recommendation line"
fi

# --- an invalid profile: 65, messages on stderr, the valid one printed
"$RG" score --format json --date "$DATE" inputs/priya-raghunathan.xml \
    tests/bad/level-6.xml >"$tmp/mixed" 2>"$tmp/mixed.err"
st=$?
[ "$st" -eq 65 ] || bad "invalid profile: exit $st, want 65"
grep -q 'level-6.xml:[0-9]*: error' "$tmp/mixed.err" ||
    bad "invalid profile: no message on stderr"
[ "$(wc -l <"$tmp/mixed")" -eq 1 ] ||
    bad "invalid profile: the valid one was not printed"

# --- an unreadable input: 66
"$RG" score --date "$DATE" "$tmp/no-such.xml" >/dev/null 2>&1
st=$?
[ "$st" -eq 66 ] || bad "missing file: exit $st, want 66"

# --- usage
"$RG" score --help >"$tmp/help" 2>/dev/null || bad "--help: exit $?"
grep -q 'usage: reportgen score' "$tmp/help" || bad "--help not on stdout"
for args in "--format xml inputs" "--date 2026-13-01 inputs" \
    "--date 2026-02-30 inputs" "--no-such-option inputs" ""; do
	# shellcheck disable=SC2086
	"$RG" score $args >/dev/null 2>&1
	st=$?
	[ "$st" -eq 64 ] || bad "score $args: exit $st, want 64"
done

[ $fail -eq 0 ] && echo "t_score: ok"
exit $fail
