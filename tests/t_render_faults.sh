#!/bin/sh
# t_render_faults.sh: a render takes its heap in 2 MB transparent huge
# pages (main.c, heap_prepare(); docs/performance.md, "One render
# process, second pass"), not one 4 KB page fault at a time: its minor
# page faults stay under 350 (712 before, about 260 with it: the rest is
# the dynamic loader).  Three renders, each under the bound: without the
# pad that puts the render on a 2 MB boundary, a run took 290-440.
# Cannot run where the kernel has THP off, or gave no huge page during a
# render (/proc/vmstat thp_fault_fallback grew): then 4 KB pages are the
# right answer.  Not under ASan or valgrind (their own allocators).
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
need /usr/bin/time
RG=${RG:-build/reportgen}
scratch
fail=0
no() { echo "FAIL: $*"; fail=$((fail + 1)); }
ldd "$RG" 2>/dev/null | grep -q libasan && not_here "an ASan build has its own allocator"
BOUND=350

thp=/sys/kernel/mm/transparent_hugepage/enabled
if ! [ -r $thp ] || grep -q '\[never\]' $thp; then
	cannot "page faults of a render" "transparent huge pages are off ($thp)"
	finish "$fail"
fi
fallback() { awk '/^thp_fault_fallback / { print $2 }' /proc/vmstat; }
for i in 1 2 3; do
	f0=$(fallback)
	/usr/bin/time -f %R -o "$tmp/faults" "$RG" render --date 2026-06-01 \
	    inputs/alexandros-papadopoulos.xml -o "$tmp/r.pdf" ||
	    no "render $i: exit status $?"
	if [ "$(fallback)" != "$f0" ]; then
		cannot "page faults of render $i" "the kernel had no huge page free (thp_fault_fallback grew)"
		continue
	fi
	n=$(tail -1 "$tmp/faults")
	[ "$n" -lt $BOUND ] || no "render $i: $n minor page faults, not under $BOUND"
done
[ $fail = 0 ] && echo "ok: three renders, each under $BOUND page faults ($n the last)"
finish "$fail"
