#!/bin/sh
# The batch's parent <-> worker traffic (issue 17): what it promises
# beside speed.
#
#   1. Claims are answered while the worker renders and jobs are sent
#      ahead, yet with 2 workers the first file in input order keeps a
#      duplicated id, every time, and the reports are byte for byte those
#      of one worker; a worker crashing mid-run costs its profile only
#      (the job it had been sent ahead is done by its successor).
#   2. What a report costs on the wire, counted with strace over 40
#      reports and one worker: 3 sends and at most 3 polls per report
#      over both processes (there were 10 and 6), and /dev/urandom is not
#      opened per report (temp names: getrandom once per process).
#   3. A FIFO at a report's name is refused when the report is to be
#      renamed over it (the check before the write is gone): left alone,
#      exit 74, the message says what is there, no temp file left.
#   4. The mode asked for, whatever the umask: 0644 under umask 077,
#      0600 under umask 022.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
need python3
RG=${RG:-build/reportgen}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rg-wire.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
D="--date 2026-06-01"

# --- 1. duplicates and a crash under two workers -------------------------
python3 tests/gen_profiles.py --seed 3 --count 40 --out "$tmp/in" >/dev/null ||
    fail "gen_profiles"
# Later files that reuse earlier ids (z- sorts after gen-), and an earlier
# file (a-) that takes an id from a later one: it keeps it.
for n in 03 11 27 39; do
	cp "$tmp/in/gen-0000$n.xml" "$tmp/in/z-dup-$n.xml"
done
cp "$tmp/in/gen-000020.xml" "$tmp/in/a-first-20.xml"
"$RG" batch $D -q -j 1 -o "$tmp/one" "$tmp/in" 2>/dev/null; st=$?
[ $st = 65 ] || fail "one worker: exit $st, expected 65 (duplicates)"
for run in 1 2 3; do
	rm -rf "$tmp/two"
	"$RG" batch $D -q -j 2 -o "$tmp/two" "$tmp/in" 2>"$tmp/err2"; st=$?
	[ $st = 65 ] || fail "two workers, run $run: exit $st, expected 65"
	for n in 03 11 27 39; do
		grep -q "/z-dup-$n.xml,gen-0000$n,.*,duplicate," "$tmp/two/summary.csv" ||
		    fail "run $run: z-dup-$n.xml not the duplicate"
		grep -q "/gen-0000$n.xml,gen-0000$n,.*,ok,gen-0000$n.pdf" "$tmp/two/summary.csv" ||
		    fail "run $run: gen-0000$n.xml lost its id"
	done
	grep -q "/a-first-20.xml,gen-000020,.*,ok," "$tmp/two/summary.csv" ||
	    fail "run $run: a-first-20.xml (first in input order) lost its id"
	grep -q "/gen-000020.xml,gen-000020,.*,duplicate," "$tmp/two/summary.csv" ||
	    fail "run $run: gen-000020.xml not the duplicate"
	grep -q "gen-000020.xml: error: id 'gen-000020' is already used by .*a-first-20.xml" \
	    "$tmp/err2" || fail "run $run: duplicate message: $(grep 000020 "$tmp/err2")"
	[ "$(grep -c ',duplicate,' "$tmp/two/summary.csv")" = 5 ] ||
	    fail "run $run: $(grep -c ',duplicate,' "$tmp/two/summary.csv") duplicates, expected 5"
	for f in "$tmp/one"/gen-*.pdf; do
		cmp -s "$f" "$tmp/two/$(basename "$f")" ||
		    fail "run $run: $(basename "$f") differs from one worker's"
	done
	[ "$(ls "$tmp/two" | grep -c '^gen-.*\.pdf$')" = 40 ] ||
	    fail "run $run: $(ls "$tmp/two" | grep -c '^gen-.*\.pdf$') reports, expected 40"
done
REPORTGEN_TEST_CRASH_ID=gen-000015 "$RG" batch $D -q -j 2 -o "$tmp/crash" \
    "$tmp/in" 2>"$tmp/err3"; st=$?
[ $st = 70 ] || fail "crash: exit $st, expected 70"
[ "$(grep -c 'worker killed by signal' "$tmp/err3")" = 1 ] ||
    fail "crash: $(grep -c 'worker killed by signal' "$tmp/err3") profiles blamed, expected 1"
grep -q 'gen-000015.xml: error: worker killed by signal 11' "$tmp/err3" ||
    fail "crash: not gen-000015 blamed: $(grep signal "$tmp/err3")"
[ "$(ls "$tmp/crash" | grep -c '^gen-.*\.pdf$')" = 39 ] ||
    fail "crash: $(ls "$tmp/crash" | grep -c '^gen-.*\.pdf$') reports, expected 39"

# --- 2. the wire's cost per report ---------------------------------------
if have strace "syscalls per report" && { strace -f -qq -e trace=clone \
    -o /dev/null true 2>/dev/null || cannot "syscalls per report" \
    "strace cannot trace here (ptrace refused)"; }; then
	mkdir "$tmp/in40"
	cp "$tmp/in"/gen-*.xml "$tmp/in40/"
	# (LeakSanitizer cannot run under ptrace: off for these runs)
	ao=ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
	env "$ao" strace -f -c -o "$tmp/sc" "$RG" batch $D -q -j 1 -o "$tmp/sc-out" \
	    "$tmp/in40" 2>/dev/null || fail "strace run failed: exit $?"
	# strace -c: "% time, seconds, usecs/call, calls, [errors,] syscall"
	calls() { awk -v s="$1" '$NF == s { n += $4 } END { print n + 0 }' "$tmp/sc"; }
	sends=$(( $(calls sendto) + $(calls sendmsg) ))
	polls=$(calls poll)
	[ "$(calls fdatasync)" -ge 40 ] || fail "strace counted $(calls fdatasync) fdatasync for 40 reports: not counting"
	# 3 per report (the worker's result, its claim; the parent's answer
	# with the next job), and a few for the run: 130
	[ "$sends" -le 130 ] || fail "$sends sends for 40 reports (> 3 per report)"
	[ "$polls" -le 120 ] || fail "$polls polls for 40 reports (> 3 per report)"
	env "$ao" strace -f -e trace=open,openat -o "$tmp/opens" "$RG" batch $D -q -j 1 \
	    -o "$tmp/op-out" "$tmp/in40" 2>/dev/null
	u=$(grep -c '/dev/urandom' "$tmp/opens")
	[ "$u" -lt 5 ] || fail "/dev/urandom opened $u times for 40 reports"
	echo "wire: $sends sends, $polls polls, /dev/urandom opened $u times for 40 reports"
fi

# --- 3. a FIFO at a report's name ----------------------------------------
mkdir -p "$tmp/fifo-out" "$tmp/in3"
cp "$tmp/in/gen-000001.xml" "$tmp/in/gen-000002.xml" "$tmp/in3/"
mkfifo "$tmp/fifo-out/gen-000002.pdf"
"$RG" batch $D -q -j 1 -o "$tmp/fifo-out" "$tmp/in3" 2>"$tmp/err4"; st=$?
[ $st = 74 ] || fail "FIFO: exit $st, expected 74"
[ -p "$tmp/fifo-out/gen-000002.pdf" ] || fail "FIFO: replaced"
[ -s "$tmp/fifo-out/gen-000001.pdf" ] || fail "FIFO: the other report not written"
grep -q 'gen-000002.pdf: .*exists and is a FIFO, not a regular file; not replaced' \
    "$tmp/err4" || fail "FIFO: message: $(cat "$tmp/err4")"
grep -q 'gen-000002.xml: error: report .*gen-000002.pdf not written' "$tmp/err4" ||
    fail "FIFO: no 'not written' line: $(cat "$tmp/err4")"
ls -A "$tmp/fifo-out" | grep -q rgtmp && fail "FIFO: temp file left"

# --- 4. modes whatever the umask -----------------------------------------
(umask 077; "$RG" batch $D -q --mode 0644 -o "$tmp/m1" "$tmp/in3" 2>/dev/null)
m=$(stat -c %a "$tmp/m1/gen-000001.pdf")
[ "$m" = 644 ] || fail "umask 077, --mode 0644: report is $m"
(umask 022; "$RG" batch $D -q -o "$tmp/m2" "$tmp/in3" 2>/dev/null)
m=$(stat -c %a "$tmp/m2/gen-000001.pdf")
[ "$m" = 600 ] || fail "umask 022: report is $m, expected 600"

[ $fails = 0 ] && echo "ok: claims in input order under 2 workers, a crash costs one profile, the wire's cost, FIFO refused, modes"
finish $fails
