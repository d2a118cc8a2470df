#!/bin/sh
# t_index_memory.sh: the index writer keeps one volume of rows, so its
# peak memory does not grow with the cohort.  The driver in
# tests/unit/test_index.c (`test_index drive ROWS VOLUME_ROWS`) feeds
# synthetic rows to the writer and prints its peak RSS: at 8,000 rows in
# volumes of 1,000 it is within 3 MB of that at 4,000; and the check can
# fail: one file of 8,000 rows (as the index was drawn before) peaks far
# above.  Not under ASan (its shadow memory and quarantine are not the
# writer's): the plain pass of the suite runs it.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
B=${B:-build}
case $B in
*asan*) not_here "$B is an ASan build (RSS is ASan's; the plain pass runs this)" ;;
esac
TI=$B/test_index
case $TI in /*) ;; *) TI=$PWD/$TI ;; esac
need "$TI"
fail=0
bad() { echo "FAIL: $*"; fail=1; }
unset RG_INDEX_VOLUME_ROWS

rss() {	# rows volume_rows
	"$TI" drive "$1" "$2" | sed -n 's/.*peak_rss_kb \([0-9]*\) rc 0$/\1/p'
}
m1=$(rss 4000 1000)
m2=$(rss 8000 1000)
m3=$(rss 8000 8000)
echo "peak RSS: 4,000 rows ${m1:-?} KB, 8,000 rows ${m2:-?} KB (volumes of 1,000); one file of 8,000: ${m3:-?} KB"
[ -n "$m1" ] && [ -n "$m2" ] && [ -n "$m3" ] || { echo "FAIL: the driver failed"; exit 1; }
[ $((m2 - m1)) -lt 3072 ] ||
    bad "the writer's memory grows with the cohort (${m1} -> ${m2} KB)"
[ $((m3 - m1)) -gt 20000 ] ||
    bad "one 8,000-row file: ${m3} KB, expected far above ${m1} KB"

[ $fail = 0 ] && echo "index memory: flat"
finish $fail
