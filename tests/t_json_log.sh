#!/bin/sh
# t_json_log.sh: --log-format json (what the systemd unit uses) obeys
# --quiet and stamps every line (issue 12):
#   - every line on stderr is one JSON object with "time" in RFC 3339
#     (UTC, milliseconds), the run's own messages (a warning that an input
#     is gone, a report removed) included;
#   - --quiet prints errors only, as in text: an idle rerun over unchanged
#     profiles prints nothing; an invalid profile prints its one line.
cd "$(dirname "$0")/.." || exit 1
RG=${RG:-build/reportgen}
fail=0
bad() {
	echo "FAIL: $*"
	fail=1
}

. tests/lib.sh
need python3
scratch
D="--date 2026-03-01 -j 2 --log-format json"
IN=$tmp/in
OUT=$tmp/out
mkdir -p "$IN"
cp inputs/*.xml "$IN/"

# every line: a JSON object with an RFC 3339 time
lines_ok() {	# file what
	python3 - "$1" "$2" <<'PY' || fail=1
import json, re, sys
path, what = sys.argv[1], sys.argv[2]
rfc3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
n = 0
for line in open(path, encoding="utf-8"):
    n += 1
    try:
        o = json.loads(line)
    except ValueError:
        print("FAIL: %s: line %d is not JSON: %s" % (what, n, line.strip()[:80]))
        sys.exit(1)
    if not isinstance(o, dict) or not rfc3339.match(str(o.get("time"))):
        print("FAIL: %s: line %d has no RFC 3339 time: %s" % (what, n, line.strip()[:80]))
        sys.exit(1)
PY
}

"$RG" batch $D -o "$OUT" "$IN" 2>"$tmp/cold" || bad "cold run failed"
lines_ok "$tmp/cold" "cold run"
[ "$(grep -c '"status":"rendered"' "$tmp/cold")" = 16 ] || bad "cold run: not 16 rendered lines"

# an idle rerun with --quiet: nothing
"$RG" batch $D --quiet --incremental -o "$OUT" "$IN" 2>"$tmp/idle" ||
    bad "idle rerun failed"
[ -s "$tmp/idle" ] && { bad "idle --quiet rerun printed $(wc -l <"$tmp/idle") lines"; head -3 "$tmp/idle"; }

# one invalid profile with --quiet: its line only
cp tests/bad/level-6.xml "$IN/"
"$RG" batch $D --quiet --incremental -o "$OUT" "$IN" 2>"$tmp/bad"
st=$?
[ $st = 65 ] || bad "invalid profile: exit $st, expected 65"
lines_ok "$tmp/bad" "quiet with an invalid profile"
[ "$(wc -l <"$tmp/bad")" = 1 ] || bad "quiet: $(wc -l <"$tmp/bad") lines, expected 1"
grep -q '"status":"invalid"' "$tmp/bad" || bad "quiet: the invalid profile is not shown"
rm "$IN/level-6.xml"

# the run's own messages are JSON lines too: an input gone, then --prune
rm "$IN/zoe-o-briain.xml"
"$RG" batch $D --incremental -o "$OUT" "$IN" 2>"$tmp/gone"
lines_ok "$tmp/gone" "input gone"
grep -q '"severity":"warning".*input gone' "$tmp/gone" || bad "input gone: no JSON warning"
"$RG" batch $D --incremental --prune -o "$OUT" "$IN" 2>"$tmp/prune"
lines_ok "$tmp/prune" "prune"
grep -q '"severity":"info".*removed (input' "$tmp/prune" || bad "prune: no JSON line for the removal"

[ $fail = 0 ] && echo "json log: RFC 3339 on every line, --quiet errors only, run messages as JSON"
exit $fail
