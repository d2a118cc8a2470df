#!/bin/sh
# t_exit_status.sh: every command follows the one exit-status rule
# (reportgen.1, EXIT STATUS), in the cases issue 12 found wrong:
#   - a missing data directory is the tool's own data missing: 70 for
#     validate, score, render and batch (was 66); an unreadable --market
#     file is an input: 66;
#   - merge-summaries on a missing summary: 66 (was 65);
#   - an empty input directory: 66 for validate, score and batch alike
#     (batch gave 0), and batch touches nothing then (no output
#     directory made); a missing input root likewise.
RG=${RG:-build/reportgen}
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_exit.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
P=inputs/kavya-nair.xml

expect() {	# status description command...
	want=$1 what=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "FAIL: $what: exit $got, expected $want"
		sed 's/^/    /' "$tmp/err" | head -5
		fail=1
	fi
}

expect 70 "validate, no data dir" $RG validate --data-dir "$tmp/none" $P
expect 70 "score, no data dir" $RG score --data-dir "$tmp/none" $P
expect 70 "render, no data dir" $RG render --data-dir "$tmp/none" $P \
    -o "$tmp/x.pdf"
expect 70 "batch, no data dir" $RG batch --data-dir "$tmp/none" \
    -o "$tmp/o1" $P
expect 66 "validate, unreadable --market" $RG validate \
    --market "$tmp/none.xml" $P
expect 66 "merge-summaries, missing file" $RG merge-summaries \
    -o "$tmp/m.csv" "$tmp/none.csv"
[ -e "$tmp/m.csv" ] && { echo "FAIL: merge wrote an output"; fail=1; }

mkdir "$tmp/empty"
expect 66 "validate, empty dir" $RG validate "$tmp/empty"
expect 66 "score, empty dir" $RG score "$tmp/empty"
expect 66 "batch, empty dir" $RG batch --quiet -o "$tmp/o2" "$tmp/empty"
grep -q "no profiles (\*.xml) found; nothing done" "$tmp/err" ||
    { echo "FAIL: batch, empty dir: silent under --quiet"; fail=1; }
[ -e "$tmp/o2" ] && { echo "FAIL: batch, empty dir: made $tmp/o2"; fail=1; }
expect 66 "batch, missing root" $RG batch -o "$tmp/o3" "$tmp/profile"
[ -e "$tmp/o3" ] && { echo "FAIL: batch, missing root: made $tmp/o3"; fail=1; }

expect 0 "validate, ok" $RG validate $P
expect 64 "batch, bad option" $RG batch --no-such-option $P

[ $fail = 0 ] && echo "exit statuses: all as documented"
exit $fail
