#!/bin/sh
# run.sh B: `make valgrind`.  The unit tests in B/ and the main commands
# (validate, score, render of a few inputs, a small batch with its forked
# workers) under memcheck: 0 errors, 0 definitely lost.  Still-reachable
# and possibly-lost blocks are not errors (libxml2's and libharu's
# per-process caches); reportgen.supp holds the few suppressions, each
# with its reason.
cd "$(dirname "$0")/../.." || exit 1
B=${1:-build}
RG=$B/reportgen
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rg-valgrind.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
VG="valgrind -q --error-exitcode=99 --leak-check=full
    --errors-for-leak-kinds=definite --show-leak-kinds=definite
    --track-fds=no --trace-children=yes
    --suppressions=tests/valgrind/reportgen.supp"
# libharu's objects each malloc'd, so that memcheck sees every one of
# them (pdf_haru.c's slabs would hide them; test_pdf checks the slabs)
REPORTGEN_TEST_HARU_MALLOC=1
export REPORTGEN_TEST_HARU_MALLOC
fails=0; runs=0
vg() {	# vg LABEL CMD...
	label=$1; shift
	runs=$((runs + 1))
	# shellcheck disable=SC2086
	$VG --log-file="$tmp/vg.%p" "$@" >"$tmp/stdout" 2>"$tmp/stderr"; st=$?
	if [ $st = 99 ] || [ -n "$(cat "$tmp"/vg.* 2>/dev/null)" ]; then
		echo "FAIL $label (exit $st)"
		cat "$tmp"/vg.* | head -40
		fails=$((fails + 1))
	else
		echo "ok   $label (exit $st)"
		[ $st -lt 64 ] || [ $st = 65 ] || sed "s/^/     /" "$tmp/stderr" | head -n 3
	fi
	rm -f "$tmp"/vg.*
}
for t in "$B"/test_*; do
	[ -x "$t" ] || continue
	case $t in *.o|*.d) continue ;; esac
	CMOCKA_MESSAGE_OUTPUT=stdout vg "$(basename "$t")" "$t"
done
D=2026-06-01
vg "validate inputs" "$RG" validate --data-dir . inputs
vg "validate tests/bad" "$RG" validate --data-dir . tests/bad
vg "score json" "$RG" score --data-dir . --format json --date $D inputs
vg "score text" "$RG" score --data-dir . --date $D inputs/kavya-nair.xml
for f in inputs/jose-alvarez.xml inputs/alexandros-papadopoulos.xml \
    tests/stress/max-lengths.xml tests/stress/every-script.xml; do
	vg "render $f" "$RG" render --data-dir . --date $D -o "$tmp/x.pdf" "$f"
done
vg "render letter" "$RG" render --data-dir . --date $D --paper letter \
    -o "$tmp/y.pdf" inputs/kavya-nair.xml
mkdir -p "$tmp/in"
cp inputs/jose-alvarez.xml inputs/kavya-nair.xml tests/bad/truncated.xml "$tmp/in/"
vg "batch -j 2" "$RG" batch --data-dir . -j 2 --date $D -q -o "$tmp/bout" "$tmp/in"
vg "batch --incremental" "$RG" batch --data-dir . -j 1 --date $D -q \
    --incremental -o "$tmp/bout" "$tmp/in"
echo "valgrind: $runs runs, $fails failed"
[ $fails = 0 ]
