#!/bin/sh
# t_scenarios.sh: the scenario corpus (issue 11).
#
# Every tests/scenarios/NAME.xml is a profile whose right answer a career
# coach would agree on; NAME.expect holds that answer (recommendation,
# "not yet" reason, seniority, pay comparison per role, ...) and why, written
# from the market article before the tool was run.  This scores them all on
# one fixed date with `score --format json`, compares every asserted key
# (tests/scenarios/check.py says which key reads which JSON field) and fails on
# any mismatch, printing "profile key expected tool why" for each.
#
#   TABLE=1  also print every assertion with the tool's value (Markdown)
#
# Needs python3; without it the test is skipped, or fails under CI=true.
cd "$(dirname "$0")/.." || exit 1
RG=${RG:-build/reportgen}
DATE=2026-06-01
DIR=tests/scenarios

. tests/lib.sh
need python3

tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_scenarios.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0

"$RG" score --format json --date "$DATE" "$DIR" >"$tmp/out.jsonl" 2>"$tmp/err"
st=$?
if [ "$st" -ne 0 ]; then
	echo "FAIL: score --format json $DIR: exit $st"
	cat "$tmp/err"
	fail=1
fi
n=$(find "$DIR" -name "*.xml" | wc -l)
[ "$(wc -l <"$tmp/out.jsonl")" -eq "$n" ] ||
    { echo "FAIL: $n profiles but $(wc -l <"$tmp/out.jsonl") JSON lines"; fail=1; }

python3 tests/scenarios/check.py check "$tmp/out.jsonl" "$DIR" || fail=1
[ -n "${TABLE:-}" ] && python3 tests/scenarios/check.py table "$tmp/out.jsonl" "$DIR"

# docs/scenarios.md carries the table made from the expectation files.
python3 tests/scenarios/check.py doc "$DIR" >"$tmp/doc"
sed -n '/^| profile | expected | why |$/,$p' docs/scenarios.md >"$tmp/docpart"
cmp -s "$tmp/doc" "$tmp/docpart" || {
	echo "FAIL: docs/scenarios.md's table differs from tests/scenarios/*.expect"
	echo "      (remake it: python3 tests/scenarios/check.py doc $DIR)"
	fail=1
}

[ $fail -eq 0 ] && echo "t_scenarios: ok"
exit $fail
