#!/bin/sh
# t_interrupt.sh: an interrupted batch loses no finished work (issue 12).
#
# 300 generated profiles; ROUNDS runs of `batch --incremental`, each
# stopped at a random moment (5-95% of the time an uninterrupted run
# takes for what is left), alternately by SIGTERM (exit 75: the
# reports in flight are finished, the state written) and SIGKILL (the
# journal keeps what was committed).  The next run must render only
# what was not finished: after SIGTERM every report on disk counts as
# unchanged; after SIGKILL all but at most the uncommitted group in
# flight (2 workers x BATCH_HOLD_MAX = 64).  A last uninterrupted run
# must leave every report, summary.csv and index.pdf byte-identical to
# an uninterrupted reference run.
cd "$(dirname "$0")/.." || exit 1
RG=${RG:-build/reportgen}
ROUNDS=${ROUNDS:-6}
N=300
SLACK=64
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_interrupt.XXXXXX") || exit 1
pid=
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

bad() {
	echo "FAIL: $*"
	fail=1
}

. tests/lib.sh
need python3
python3 tests/gen_profiles.py --seed 12 --count $N --out "$tmp/in" >/dev/null ||
    { bad "gen_profiles failed"; exit 1; }
D="--date 2026-03-01 -j 2 --log-format json"
t0=$(date +%s%N)
"$RG" batch $D -o "$tmp/ref" "$tmp/in" 2>/dev/null || bad "reference run failed"
# the moments: from 5% to 95% of an uninterrupted run on this machine now
full=$((($(date +%s%N) - t0) / 1000000))

ondisk() { ls "$tmp/out" 2>/dev/null | grep -c '^gen-.*\.pdf$'; }
field() {	# key: from the closing JSON line of the last run
	grep '"summary":true' "$tmp/log" | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"
}
# the unchanged count of the run just made, against what the previous
# (interrupted) run left on disk
check_resume() {	# what
	u=$(field unchanged)
	[ -n "$u" ] || { bad "$1: no closing line"; return; }
	if [ "$prev" = TERM ]; then
		[ "$u" = "$disk" ] ||
		    bad "$1: $u unchanged, but $disk reports were finished"
	elif [ "$prev" = KILL ]; then
		[ "$u" -le "$disk" ] && [ "$u" -ge $((disk - SLACK)) ] ||
		    bad "$1: $u unchanged, $disk on disk (at most $SLACK lost)"
		echo "$1: after SIGKILL $disk reports on disk, $u recorded" \
		    "(rendered again: $((disk - u)))"
	fi
}

seed=$(date +%N | sed 's/^0*//')
prev= disk=0 r=1
while [ $r -le "$ROUNDS" ] && [ "$disk" -lt $N ]; do
	if [ $((r % 2)) = 1 ]; then sig=TERM; else sig=KILL; fi
	# within what is left to do
	ms=$(awk -v s="${seed:-1}" -v r=$r -v f=$full -v left=$((N - disk)) \
	    -v n=$N 'BEGIN { srand(s + r)
		print int(f * left / n * (0.05 + rand() * 0.9)) }')
	# not before the process can have set its handlers (a signal then
	# kills it as it would any program)
	[ "$ms" -lt 300 ] && ms=300
	"$RG" batch $D --incremental -o "$tmp/out" "$tmp/in" 2>"$tmp/log" &
	pid=$!
	sleep "$(awk -v m=$ms 'BEGIN { print m / 1000 }')"
	kill -s $sig $pid 2>/dev/null
	wait $pid
	st=$?
	pid=
	case $sig:$st in
	TERM:75|TERM:0|KILL:137|KILL:0) ;;
	*) bad "round $r: SIG$sig after $ms ms: exit $st" ;;
	esac
	if [ $sig = TERM ] && [ $st = 75 ]; then
		grep -q 'interrupted by SIGTERM: .* rerun with --incremental resumes' \
		    "$tmp/log" || bad "round $r: no line saying how to resume"
		check_resume "round $r"
	fi
	[ $sig = TERM ] && [ $st = 0 ] && check_resume "round $r"
	sleep 0.1	# the workers of a killed parent die with it
	echo "round $r: SIG$sig after $ms ms: exit $st, $(ondisk) of $N reports on disk"
	prev=$sig
	[ $st = 0 ] && prev=
	disk=$(ondisk)
	r=$((r + 1))
done

"$RG" batch $D --incremental -o "$tmp/out" "$tmp/in" 2>"$tmp/log" ||
    bad "last run: exit $?"
check_resume "last run"
echo "last run: rendered $(field rendered), unchanged $(field unchanged)"
[ -e "$tmp/out/state.db-wal" ] && bad "state.db's WAL is left after a whole run"
[ -e "$tmp/out/manifest.json" ] && bad "manifest.json written beside state.db"
for f in "$tmp/ref"/*.pdf "$tmp/ref/summary.csv"; do
	cmp -s "$f" "$tmp/out/$(basename "$f")" ||
	    { bad "$(basename "$f") differs from the uninterrupted run"; }
done
[ $fail = 0 ] && echo "interrupt: $((r - 1)) interruptions (SIGTERM, SIGKILL), resumed, all $N reports as an uninterrupted run"
exit $fail
