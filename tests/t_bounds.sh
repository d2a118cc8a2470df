#!/bin/sh
# Resource bounds: every hostile input (tests/bad/, tests/stress/ and the
# ones made here: 1 MiB of nested elements, 10 000 keywords, a 1 MiB
# text node, 60 000 attributes, huge numbers) costs at most 2 s of CPU
# and 256 MB of RSS through validate, score and render, measured with
# /usr/bin/time.  Under ASan (shadow memory, slower code) the bounds are
# 6 s and 1 GB.  Then the batch's own limit for what no test foresaw: a
# worker that hangs (--timeout) or crashes (the test hooks of batch.h)
# is killed and the batch goes on with the other profiles.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
need /usr/bin/time timeout
RG=${RG:-build/reportgen}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rg-bounds.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
CPU=2; RSS=262144
if ldd "$RG" 2>/dev/null | grep -q libasan || nm "$RG" 2>/dev/null | grep -q __asan_init; then
	CPU=6; RSS=1048576
fi
mkdir -p "$tmp/h" "$tmp/o"
head='<?xml version="1.0" encoding="UTF-8"?>
<profile xmlns="urn:reportgen:candidate:1" version="1">'
# 1 MiB (just under the cap) of nested elements
{ echo "$head"; awk 'BEGIN { while (n < 1040000) { printf "<a>"; n += 3 } }'; } \
    >"$tmp/h/nested-1mib.xml"
# 10 000 keywords (the schema allows 64)
sed -n '1,/<skills>/p' inputs/jose-alvarez.xml >"$tmp/h/kw-10k.xml"
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "    <keyword>kubernetes%d</keyword>\n", i }' \
    >>"$tmp/h/kw-10k.xml"
sed -n '/<skill /,$p' inputs/jose-alvarez.xml | sed -n '2,$p' >>"$tmp/h/kw-10k.xml"
# a name of 1 MiB
awk '/<name>/ { printf "    <name>"; for (i = 0; i < 70000; i++)
    printf "WWWWWWWWWW"; print "</name>"; next } { print }' \
    inputs/jose-alvarez.xml >"$tmp/h/name-700k.xml"
# 60 000 attributes on one element (libxml2 checks each new attribute
# against all earlier ones: quadratic; see docs/reliability.md)
{ echo "$head"; printf '<identity'; awk 'BEGIN { for (i = 0; i < 60000; i++) printf " a%d=\"x\"", i }';
  echo '/></profile>'; } >"$tmp/h/attrs-60k.xml"
# huge numbers where the schema has numbers
sed -e 's/production-years="[^"]*"/production-years="1e308"/' \
    -e 's/years="4"/years="99999999999999999999999999999"/' \
    -e 's/projects="6"/projects="99999999999999999999"/' \
    -e 's/hours-per-week="5"/hours-per-week="0.0000000000000000000001"/' \
    inputs/jose-alvarez.xml >"$tmp/h/huge-numbers.xml"
sed -e 's|<goals target="undecided" hours-per-week="5"/>|<goals target="fde" hours-per-week="168"><current-compensation amount="999999999999999999" currency="INR" basis="total"/></goals>|' \
    inputs/jose-alvarez.xml >"$tmp/h/huge-pay.xml"

# measure LABEL CMD...: appends "user sys maxrss LABEL" to $tmp/times
# (GNU time adds a "Command exited with..." line of its own for a
# non-zero status); the bounds are checked for all runs at the end, by
# one awk (three processes a run: each fork counts over 70 runs).
: >"$tmp/times"
measure() {
	label=$1; shift
	/usr/bin/time -a -o "$tmp/times" -f "%U %S %M $label" timeout 30 "$@" \
	    >/dev/null 2>"$tmp/err"; st=$?
	[ $st -lt 124 ] || fail "$label: exit $st"
	return 0
}
# validate for all; score and render (the same loader first) only for
# the files that pass it, where they have more to do
for f in tests/bad/*.xml tests/stress/*.xml "$tmp"/h/*.xml; do
	measure "validate $f" "$RG" validate --data-dir . "$f"
	[ $st = 0 ] || continue
	measure "score $f" "$RG" score --data-dir . --date 2026-06-01 "$f"
	measure "render $f" "$RG" render --data-dir . --date 2026-06-01 \
	    -o "$tmp/o/x.pdf" "$f"
done
# the generated ones must be refused or handled, never crash
for f in nested-1mib kw-10k attrs-60k; do
	"$RG" validate --data-dir . "$tmp/h/$f.xml" >/dev/null 2>&1
	[ $? = 65 ] || fail "$f: validate should reject it (65)"
done
awk -v C="$CPU" -v R="$RSS" '
    /^Command / { next }
    { cpu = $1 + $2; rss = $3; label = $0; sub(/^[^ ]+ [^ ]+ [^ ]+ /, "", label)
      n++
      if (cpu > C) { printf "FAIL: %s: %.2f s CPU (bound %s s)\n", label, cpu, C; bad++ }
      if (rss > R) { printf "FAIL: %s: %d KB RSS (bound %s KB)\n", label, rss, R; bad++ }
      if (cpu > wc) wc = cpu; if (rss > wr) wr = rss }
    END { printf "bounds: %d runs; worst %.2f s CPU, %d KB RSS (bounds %s s, %s KB)\n", n, wc, wr, C, R
      exit bad > 0 }' "$tmp/times" || fails=$((fails + 1))
checked=$(grep -vc '^Command ' "$tmp/times")
[ "$checked" -ge 60 ] || fail "only $checked runs measured"

# The batch's per-profile limit: a hanging worker is killed at --timeout,
# a crashing one is reported, and the other profiles are rendered.
mkdir -p "$tmp/in"
cp inputs/*.xml "$tmp/in/"
n=$(ls "$tmp/in" | wc -l)
start=$(date +%s)
REPORTGEN_TEST_HANG_ID=jose-alvarez REPORTGEN_TEST_CRASH_ID=ananya-iyer \
    timeout 60 "$RG" batch --data-dir . -j 2 --timeout 2 --date 2026-06-01 \
    -o "$tmp/bout" "$tmp/in" >"$tmp/bo" 2>"$tmp/be"; st=$?
took=$(( $(date +%s) - start ))
[ $st = 70 ] || fail "batch with a hanging and a crashing worker: exit $st, expected 70"
[ $took -le 20 ] || fail "batch took $took s with --timeout 2"
got=$(ls "$tmp/bout" | grep -v "^index\.pdf$" | grep -c "\.pdf$")
[ "$got" = $((n - 2)) ] || fail "batch: $got reports, expected $((n - 2))"
[ -e "$tmp/bout/jose-alvarez.pdf" ] && fail "batch: report for the hung profile"
grep -q 'jose-alvarez' "$tmp/be" || fail "batch: the hung profile is not named"
grep -q 'ananya-iyer' "$tmp/be" || fail "batch: the crashed profile is not named"
echo "batch limit: hang + crash -> exit $st in $took s, $got of $n reports"
[ $fails = 0 ]
