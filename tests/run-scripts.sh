#!/bin/sh
# tests/run-scripts.sh: the test runner of the Makefile.
#
#   run-scripts.sh [--unit BIN...] [--scripts]
#       runs the unit-test binaries BIN and/or every tests/t_*.sh (with RG
#       and B from the environment), one line each: PASS, FAIL or SKIP,
#       its time, its name.  A failing test also shows the end of its
#       output; every test's whole output is in $B/logs/.  Ends with one
#       line "N passed, N failed" (", N skipped" when some were) and exits
#       non-zero when any failed.  With no option: --scripts.
#   run-scripts.sh --total FILE
#       the closing line of `make test`: counts every result the runs
#       above appended to FILE (they do when RG_RESULTS names it; `make
#       test` and its Makefile recipe add a FAIL line for a build that
#       failed), and exits non-zero when any failed.
#
# Each test gets RG_TEST_TIMEOUT seconds (default 900; the slowest takes
# about a minute) and fails when it runs over: a hung test must not hold
# CI for its whole allowance.
#
# SKIP: a script that exits 77 (tests/lib.sh: a tool missing on a
# developer's machine, or a test that does not apply to this build), or a
# unit-test binary that passed with cmocka cases skipped.  Under CI=true
# tests/lib.sh turns a check that cannot run into a FAIL instead.
cd "$(dirname "$0")/.." || exit 1
B=${B:-build}
LOGDIR=$B/logs
LIMIT=${RG_TEST_TIMEOUT:-900}
pass=0; fail=0; skip=0; failed=""

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# result STATUS SECONDS NAME LOG
result() {
	printf '%-4s %7ss  %s\n' "$1" "$2" "$3"
	case $1 in
	PASS) pass=$((pass + 1)) ;;
	SKIP) skip=$((skip + 1))
	      grep -h '^SKIP' "$4" | sed 's/^/    /' ;;
	*)    fail=$((fail + 1)); failed="$failed $3"
	      tail -n 30 "$4" | sed 's/^/    /' ;;
	esac
	[ -z "${RG_RESULTS:-}" ] || echo "$1 $2 $3" >>"$RG_RESULTS"
}

# summary WHAT: the closing line
summary() {
	line="$pass passed, $fail failed"
	[ "$skip" = 0 ] || line="$line, $skip skipped"
	echo "$line ($1)"
	[ "$fail" = 0 ]
}

if [ "${1:-}" = --total ]; then
	[ -f "${2:-}" ] || { echo "0 passed, 1 failed (no results: $2)"; exit 1; }
	pass=$(grep -c '^PASS ' "$2"); fail=$(grep -c '^FAIL ' "$2")
	skip=$(grep -c '^SKIP ' "$2")
	secs=$(awk '{ s += $2 } END { printf "%.0f", s }' "$2")
	[ "$fail" = 0 ] || grep '^FAIL ' "$2" | sed 's/^FAIL [0-9.]* /FAILED: /'
	summary "all of make test: unit and script tests, plain and ASan; $secs s of tests"
	exit
fi

mkdir -p "$LOGDIR"
units=""; scripts=""
while [ $# -gt 0 ]; do
	case $1 in
	--unit) shift
		while [ $# -gt 0 ] && [ "$1" != --scripts ]; do
			units="$units $1"; shift
		done ;;
	--scripts) scripts=1; shift ;;
	*) echo "run-scripts.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done
[ -n "$units" ] || scripts=1

what=""
for t in $units; do
	log=$LOGDIR/$(basename "$t").log
	t0=$(now)
	timeout "$LIMIT" "$t" </dev/null >"$log" 2>&1; st=$?
	[ $st != 124 ] || echo "FAIL: killed after $LIMIT s (RG_TEST_TIMEOUT)" >>"$log"
	secs=$(since "$t0")
	if [ $st != 0 ]; then
		result FAIL "$secs" "$t" "$log"
	elif grep -q '^\[  SKIPPED \]' "$log"; then
		grep '^\[  SKIPPED \] [A-Za-z_]' "$log" | sort -u |
		    sed 's/^\[  SKIPPED \]/SKIP: case/' >>"$log"
		result SKIP "$secs" "$t" "$log"
	else
		result PASS "$secs" "$t" "$log"
	fi
done
[ -z "$units" ] || what="unit tests"

if [ -n "$scripts" ]; then
	for t in tests/t_*.sh; do
		[ -f "$t" ] || continue
		log=$LOGDIR/$(basename "$t").log
		t0=$(now)
		timeout "$LIMIT" sh "$t" </dev/null >"$log" 2>&1; st=$?
		[ $st != 124 ] ||
		    echo "FAIL: killed after $LIMIT s (RG_TEST_TIMEOUT)" >>"$log"
		secs=$(since "$t0")
		case $st in
		0)  result PASS "$secs" "$t ($B)" "$log" ;;
		77) result SKIP "$secs" "$t ($B)" "$log" ;;
		*)  result FAIL "$secs" "$t ($B)" "$log" ;;
		esac
	done
	what="${what:+$what and }script tests"
fi
[ -z "$failed" ] || echo "FAILED:$failed"
summary "$what, $B"
