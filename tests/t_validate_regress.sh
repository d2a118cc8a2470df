#!/bin/sh
# Regression files for `reportgen validate`: every tests/bad/NAME.xml is
# validated alone, under `ulimit -t 2 -v 262144` (2 s CPU, 256 MB), and
# its stderr is compared with tests/bad/NAME.messages; the exit status
# must be the one in tests/bad/NAME.status, or 65 when there is none.
# The report date is SOURCE_DATE_EPOCH's, fixed below.
# UPDATE=1 rewrites the expected files (review them before committing).
cd "$(dirname "$0")/.." || exit 1
RG=${RG:-build/reportgen}
# The report date is fixed (2026-03-01) for the date-*-after-report cases.
SOURCE_DATE_EPOCH=1772366400; export SOURCE_DATE_EPOCH
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rg-regress.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
# ASan reserves terabytes of address space: a -v limit cannot apply there.
limits='ulimit -t 2; ulimit -v 262144'
if nm "$RG" 2>/dev/null | grep -q __asan_init; then
	limits='ulimit -t 20'
fi
pass=0; fail=0
for x in tests/bad/*.xml; do
	name=${x%.xml}
	want=65
	[ -f "$name.status" ] && want=$(cat "$name.status")
	(eval "$limits"; exec "$RG" validate --data-dir . "$x") \
	    >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ -n "$UPDATE" ]; then
		cp "$tmp/err" "$name.messages"
		if [ "$got" = 65 ]; then rm -f "$name.status"
		else echo "$got" >"$name.status"; fi
		echo "updated $name ($got)"
		continue
	fi
	ok=1
	if [ "$got" != "$want" ]; then
		echo "FAIL $x: exit status $got, expected $want"; ok=0
	fi
	if ! diff -u "$name.messages" "$tmp/err" >"$tmp/diff" 2>&1; then
		echo "FAIL $x: messages differ"; sed 's/^/    /' "$tmp/diff"; ok=0
	fi
	if [ -s "$tmp/out" ]; then
		echo "FAIL $x: wrote to stdout"; ok=0
	fi
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "validate regress: $pass passed, $fail failed"
[ -n "$UPDATE" ] && exit 0	# not a skip: UPDATE=1 rewrote the files
[ "$fail" = 0 ] && [ "$pass" -ge 22 ]
