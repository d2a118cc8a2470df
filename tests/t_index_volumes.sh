#!/bin/sh
# t_index_volumes.sh: index.pdf of a cohort larger than a volume
# (RG_INDEX_VOLUME_ROWS=4 here, 1,000 by default).  index.pdf is the
# overview: the totals, one linked line per volume with the range it
# covers, the cohort page; the candidates are in index.001.pdf, ... of 4
# rows each, in the index's order, each saying its range and linking to
# the overview, its neighbours and every report.  Every file passes the
# PDF/UA checker.  An idle rerun touches none; a removed volume is made
# again; when the cohort shrinks the volumes past the last are removed,
# but not after an input error (kept, with a warning).  merge-summaries
# writes volumes too; under --encrypt each is protected.  (The writer's
# memory: t_index_memory.sh.)
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
need pdftotext pdfinfo qpdf python3
RG=${RG:-build/reportgen}
scratch
fail=0
bad() { echo "FAIL: $*"; fail=1; }
D="--date 2026-03-01 -j 2 -q"
IN=$tmp/in
OUT=$tmp/out
RG_INDEX_VOLUME_ROWS=4
export RG_INDEX_VOLUME_ROWS

python3 tests/gen_profiles.py --seed 3 --count 10 --out "$IN" >/dev/null ||
    { echo "FAIL: gen_profiles"; exit 1; }
"$RG" batch $D -o "$OUT" "$IN" 2>"$tmp/err" || { cat "$tmp/err"; bad "batch failed"; }

# --- the files: the overview and three volumes (4 + 4 + 2)
vols=$(cd "$OUT" && ls | grep -E '^index\.[0-9]+\.pdf$' | tr '\n' ' ')
[ "$vols" = "index.001.pdf index.002.pdf index.003.pdf " ] ||
    bad "volumes are '$vols', expected index.001 to .003"
pdftotext -layout "$OUT/index.pdf" "$tmp/ov.txt" 2>/dev/null
grep -q '10 candidates' "$tmp/ov.txt" || bad "overview: not 10 candidates"
grep -q 'The candidates, in 3 volumes' "$tmp/ov.txt" || bad "overview: no contents"
for r in '1 *– *4' '5 *– *8' '9 *– *10'; do
	grep -q "Volume [123]  *$r " "$tmp/ov.txt" || bad "overview: no line for $r"
done
grep -q 'The group' "$tmp/ov.txt" || bad "overview: no cohort page"
grep -q '10 candidates with a score' "$tmp/ov.txt" || bad "cohort: not 10 scored"
echo "ok: overview lists 3 volumes"

# --- each volume says its range and holds its rows, in name order
k=0
: >"$tmp/rows"
for r in '1 to 4' '5 to 8' '9 to 10'; do
	k=$((k + 1))
	v=$OUT/index.00$k.pdf
	pdftotext -layout "$v" "$tmp/v$k.txt" 2>/dev/null
	grep -q "Candidates $r" "$tmp/v$k.txt" || bad "volume $k does not say 'Candidates $r'"
	grep -q "Volume $k of 3 of the index of 10 candidates" "$tmp/v$k.txt" ||
	    bad "volume $k does not say which volume it is"
	grep -E ' ok *$' "$tmp/v$k.txt" | sed 's/^ *//; s/   .*//' >>"$tmp/rows"
done
tail -n +2 "$OUT/summary.csv" | tr -d '\r' | awk -F, '$8 == "ok" { print $3 }' |
    sort -f >"$tmp/names"
[ "$(wc -l <"$tmp/rows")" = 10 ] || bad "volumes hold $(wc -l <"$tmp/rows") rows, expected 10"
cmp -s "$tmp/rows" "$tmp/names" ||
    { diff "$tmp/names" "$tmp/rows"; bad "volume rows are not summary.csv's names in order"; }
echo "ok: volumes hold the rows in order, each says its range"

# --- links: overview -> volumes; volume -> overview, neighbours, reports
uris() {
	qpdf --qdf --object-streams=disable "$1" "$tmp/q.pdf" 2>/dev/null ||
	    bad "qpdf cannot rewrite $1"
	grep -a -o '/URI ([^)]*)' "$tmp/q.pdf" | sed 's|/URI (||; s|)$||'
}
[ "$(uris "$OUT/index.pdf" | tr '\n' ' ')" = "index.001.pdf index.002.pdf index.003.pdf " ] ||
    bad "overview links: $(uris "$OUT/index.pdf" | tr '\n' ' ')"
[ "$(grep -a -c '/Contents (Volume [0-9] of the index' "$tmp/q.pdf")" = 3 ] ||
    bad "overview links without Contents"
uris "$OUT/index.002.pdf" >"$tmp/u2"
for u in index.pdf index.001.pdf index.003.pdf; do
	grep -qx "$u" "$tmp/u2" || bad "volume 2 does not link to $u"
done
[ "$(grep -c '^[^i].*\.pdf$' "$tmp/u2")" = 4 ] || bad "volume 2: not 4 report links"
for k in 1 2 3; do
	uris "$OUT/index.00$k.pdf"
done | sort -u | while read -r u; do
	[ -f "$OUT/$u" ] || echo "FAIL: link '$u' does not resolve"
done | grep . && fail=1
echo "ok: links resolve"

# --- tagged PDF: the PDF/UA checker on every file
for f in "$OUT"/index*.pdf; do
	python3 tests/check_pdfua.py "$f" || bad "$(basename "$f") breaks a PDF/UA rule"
	pdfinfo "$f" | grep -q '^Tagged: *yes' || bad "$(basename "$f") not tagged"
done
echo "ok: PDF/UA checker passes on the overview and the volumes"

# --- idle rerun touches nothing; a removed volume comes back
snap() { stat -c '%n %Y %s' "$OUT"/index*.pdf; }
sleep 1
snap >"$tmp/snap1"
"$RG" batch $D --incremental -o "$OUT" "$IN" 2>>"$tmp/err"
snap >"$tmp/snap2"
cmp -s "$tmp/snap1" "$tmp/snap2" || bad "idle rerun rewrote the index or a volume"
rm "$OUT/index.002.pdf"
"$RG" batch $D --incremental -o "$OUT" "$IN" 2>>"$tmp/err"
[ -f "$OUT/index.002.pdf" ] || bad "a removed volume was not made again"
echo "ok: idle rerun leaves the volumes alone; a removed one comes back"

# --- the cohort shrinks to 5: index.003.pdf goes, but not after an input error
mkdir "$tmp/away"
ls "$IN" | head -5 | while read -r f; do mv "$IN/$f" "$tmp/away/"; done
mkfifo "$IN/odd.xml"
"$RG" batch --date 2026-03-01 -j 2 --incremental -o "$OUT" "$IN" 2>"$tmp/err2"
[ -f "$OUT/index.003.pdf" ] || bad "input error: a stale volume was removed"
grep -q 'volume of the index past the last one kept' "$tmp/err2" ||
    { cat "$tmp/err2"; bad "input error: the kept volume is not said"; }
grep -q 'The candidates, in 2 volumes' "$(pdftotext "$OUT/index.pdf" - >"$tmp/ov2" 2>/dev/null; echo "$tmp/ov2")" ||
    bad "shrunk overview does not list 2 volumes"
rm "$IN/odd.xml"
"$RG" batch $D --incremental -o "$OUT" "$IN" 2>"$tmp/err3"
[ -f "$OUT/index.003.pdf" ] && bad "a stale volume stayed after a clean run"
[ -f "$OUT/index.002.pdf" ] || bad "volume 2 of 2 was removed"
echo "ok: stale volumes go after a clean run only"

# --- down to 3: one index.pdf again, no volume left
ls "$IN" | head -2 | while read -r f; do mv "$IN/$f" "$tmp/away/"; done
"$RG" batch $D --incremental -o "$OUT" "$IN" 2>"$tmp/err4"
ls "$OUT" | grep -qE '^index\.[0-9]+\.pdf$' && bad "volumes left under the threshold"
pdftotext "$OUT/index.pdf" - 2>/dev/null | grep -q 'The candidates, in' &&
    bad "a small cohort's index.pdf speaks of volumes"
echo "ok: a small cohort is one index.pdf again"

# --- merge-summaries: volumes beside the merged CSV, links into the shards
mv "$tmp/away"/* "$IN/"
"$RG" batch $D --shard 0/2 -o "$tmp/s0" "$IN" 2>/dev/null
"$RG" batch $D --shard 1/2 -o "$tmp/s1" "$IN" 2>/dev/null
mkdir "$tmp/m"
"$RG" merge-summaries -o "$tmp/m/all.csv" "$tmp/s0/summary.csv" \
    "$tmp/s1/summary.csv" >/dev/null 2>"$tmp/merr" || { cat "$tmp/merr"; bad "merge failed"; }
[ -f "$tmp/m/index.003.pdf" ] && [ ! -f "$tmp/m/index.004.pdf" ] ||
    bad "merged index: not 3 volumes"
for k in 1 2 3; do uris "$tmp/m/index.00$k.pdf"; done | grep -v '^index' |
    while read -r u; do [ -f "$tmp/m/$u" ] || echo "FAIL: merged link '$u'"; done |
    grep . && fail=1
echo "ok: merge-summaries writes volumes whose links resolve"

# --- --encrypt: every volume is protected with the owner password
ls "$IN" | sed 's/\.xml$//' | awk '{ printf "%s\tLong Password %d\n", $1, NR }' >"$tmp/pw.tsv"
printf 'Coach Owner Pw 9\n' >"$tmp/own"
chmod 600 "$tmp/pw.tsv" "$tmp/own"
"$RG" batch $D --encrypt --password-file "$tmp/pw.tsv" --owner-password-file \
    "$tmp/own" -o "$tmp/enc" "$IN" 2>"$tmp/eerr" || { cat "$tmp/eerr"; bad "encrypted batch"; }
[ -f "$tmp/enc/index.003.pdf" ] || bad "--encrypt: no volumes"
for f in "$tmp/enc"/index*.pdf; do
	pdftotext "$f" - >/dev/null 2>&1 && bad "$(basename "$f") opens without a password"
	pdftotext -upw 'Coach Owner Pw 9' "$f" - 2>/dev/null | grep -q 'Candidates\|Career reports' ||
	    bad "$(basename "$f") does not open with the owner password"
done
echo "ok: --encrypt protects every volume"

[ $fail = 0 ] && echo "index volumes: all ok"
finish $fail
