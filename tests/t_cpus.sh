#!/bin/sh
# t_cpus.sh: batch's default -j is the CPUs this process may use, not the
# machine's (issue 12): under `taskset -c 0` it runs one worker.  The
# number is read from the note --verbose prints before the run, and the
# forks are counted with strace where it works.
RG=${RG:-build/reportgen}
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_cpus.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
bad() { echo "FAIL: $*"; fail=1; }

. tests/lib.sh
need taskset
mkdir -p "$tmp/in"
cp inputs/ananya-iyer.xml inputs/arjun-mehta.xml "$tmp/in/"
run() {
	"$@" batch --data-dir . --date 2026-03-01 --verbose -o "$tmp/out" \
	    "$tmp/in" >/dev/null 2>"$tmp/err"
}

# --- 1. one CPU allowed: one worker
run taskset -c 0 "$RG" || bad "taskset -c 0: exit $?"
grep -q 'note: -j 1: at most 1 worker process ' "$tmp/err" ||
    bad "taskset -c 0: $(grep -- '-j' "$tmp/err" || echo 'no -j note')"
rm -rf "$tmp/out"

# ... and the batch forks one worker: the parent's fork calls, counted
# with strace when it can trace here
if have strace "the fork count" && { strace -f -qq -e trace=clone \
    -o /dev/null true 2>/dev/null || cannot "the fork count" \
    "strace cannot trace here (ptrace refused)"; }; then
	# (LeakSanitizer cannot run under ptrace: off for this run)
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	    taskset -c 0 strace -f -qq -e trace=clone,clone3,fork,vfork \
	    -o "$tmp/trace" "$RG" batch --data-dir . --date 2026-03-01 -q \
	    -o "$tmp/out" "$tmp/in" 2>/dev/null || bad "strace batch: exit $?"
	parent=$(head -1 "$tmp/trace" | awk '{ print $1 }')
	n=$(awk -v p="$parent" '$1 == p && /(clone|fork)/' "$tmp/trace" | wc -l)
	[ "$n" = 1 ] || bad "taskset -c 0: the batch forked $n workers, expected 1"
	rm -rf "$tmp/out"
fi

# --- 2. every CPU allowed: as many workers as the mask has CPUs
n=$(taskset -c -p $$ | sed 's/.*: //' | tr ',' '\n' |
    awk -F- '{ n += NF == 2 ? $2 - $1 + 1 : 1 } END { print n }')
[ "$n" -gt 256 ] && n=256
run "$RG" || bad "all CPUs: exit $?"
grep -q "note: -j $n:" "$tmp/err" ||
    bad "all $n CPUs: $(grep -- '-j' "$tmp/err" || echo 'no -j note')"
rm -rf "$tmp/out"

# --- 3. -j given wins over the mask
taskset -c 0 "$RG" batch --data-dir . --date 2026-03-01 --verbose -j 2 -o "$tmp/out" \
    "$tmp/in" >/dev/null 2>"$tmp/err"
grep -q 'note: -j 2:' "$tmp/err" || bad "-j 2 not used"
echo "ok: -j defaults to the CPUs this process may use"
finish $fail
