#!/bin/sh
# t_prune_guard.sh: --prune cannot destroy the reports when the inputs are
# wrong (issue 12):
#   - a typo in the input path: 66, nothing touched (reports, summary.csv,
#     index.pdf, state.db byte-identical);
#   - an empty input directory (an unmounted volume) with --quiet: 66,
#     said on stderr, nothing touched;
#   - an input error (an entry skipped while collecting): nothing removed;
#   - more than half of the reports would go: refused (66), says how
#     many, nothing removed, summary.csv and index.pdf unchanged;
#     --prune-all removes them;
#   - the legitimate prune of one removed profile still works (0).
RG=${RG:-build/reportgen}
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_prune.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

bad() {
	echo "FAIL: $*"
	fail=1
}

D="--date 2026-03-01 -j 2 --incremental"
IN=$tmp/profiles
OUT=$tmp/reports
mkdir -p "$IN"
for f in ananya-iyer arjun-mehta dmitry-smirnov kavya-nair zoe-o-briain \
    meera-krishnan; do
	cp "inputs/$f.xml" "$IN/"
done
"$RG" batch -q $D -o "$OUT" "$IN" || bad "first run failed"
[ "$(ls "$OUT"/*.pdf | wc -l)" = 7 ] || bad "expected 6 reports + index"

snap() { (cd "$OUT" && sha256sum *.pdf summary.csv state.db | sort); }
snap >"$tmp/before"
same() {	# what
	snap >"$tmp/after"
	cmp -s "$tmp/before" "$tmp/after" ||
	    { bad "$1: the output directory changed"; diff "$tmp/before" "$tmp/after"; }
}

# the typo
"$RG" batch -q $D --prune -o "$OUT" "$tmp/profile" 2>"$tmp/err"
st=$?
[ $st = 66 ] || bad "typo: exit $st, expected 66"
grep -q "cannot read" "$tmp/err" || bad "typo: no message"
same "typo"

# an empty directory, --quiet
mkdir "$tmp/empty"
"$RG" batch -q $D --prune -o "$OUT" "$tmp/empty" 2>"$tmp/err"
st=$?
[ $st = 66 ] || bad "empty dir: exit $st, expected 66"
grep -q "no profiles" "$tmp/err" || bad "empty dir: silent under --quiet"
same "empty dir"

# an input error: a FIFO named like a profile is skipped
mv "$IN/meera-krishnan.xml" "$tmp/"
mkfifo "$IN/odd.xml"
"$RG" batch -q $D --prune -o "$OUT" "$IN" 2>"$tmp/err"
st=$?
[ $st = 66 ] || bad "input error: exit $st, expected 66"
grep -q "nothing removed" "$tmp/err" || bad "input error: not said"
[ -f "$OUT/meera-krishnan.pdf" ] || bad "input error: a report was removed"
rm "$IN/odd.xml"
mv "$tmp/meera-krishnan.xml" "$IN/"
"$RG" batch -q $D -o "$OUT" "$IN" || bad "rerun after input error failed"
snap >"$tmp/before"

# four of six gone: refused, then --prune-all
mkdir "$tmp/away"
mv "$IN/ananya-iyer.xml" "$IN/arjun-mehta.xml" "$IN/dmitry-smirnov.xml" \
    "$IN/kavya-nair.xml" "$tmp/away/"
"$RG" batch -q $D --prune -o "$OUT" "$IN" 2>"$tmp/err"
st=$?
[ $st = 66 ] || bad "mass prune: exit $st, expected 66"
grep -q "would remove 4 of the 6 reports" "$tmp/err" ||
    { bad "mass prune: count not said"; cat "$tmp/err"; }
snap >"$tmp/after"
grep -v state.db "$tmp/before" >"$tmp/b2"
grep -v state.db "$tmp/after" >"$tmp/a2"
cmp -s "$tmp/b2" "$tmp/a2" || bad "mass prune: reports, summary or index changed"
"$RG" batch -q $D --prune-all -o "$OUT" "$IN" 2>"$tmp/err" ||
    bad "--prune-all failed"
[ "$(ls "$OUT"/*.pdf | wc -l)" = 3 ] || bad "--prune-all: expected 2 reports + index"

# the legitimate prune of one removed profile
mv "$tmp/away/"*.xml "$IN/"
"$RG" batch -q $D -o "$OUT" "$IN" || bad "rebuild failed"
rm "$IN/zoe-o-briain.xml"
"$RG" batch $D --prune -o "$OUT" "$IN" 2>"$tmp/err"
st=$?
[ $st = 0 ] || { bad "one removed: exit $st, expected 0"; cat "$tmp/err"; }
[ -f "$OUT/zoe-o-briain.pdf" ] && bad "one removed: report kept"
grep -q "zoe-o-briain.pdf: removed (input" "$tmp/err" || bad "one removed: not said"
[ "$(grep -c '\.xml' "$OUT/summary.csv")" = 5 ] || bad "one removed: summary rows"

[ $fail = 0 ] && echo "prune guard: typo, empty dir, input error, mass prune, one removed: ok"
exit $fail
