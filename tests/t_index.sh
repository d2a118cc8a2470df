#!/bin/sh
# t_index.sh: the batch index.pdf.  It lists every candidate rendered
# (pdftotext) and the invalid profile by file; each link is a relative
# URI naming a report that exists in the directory; --index-sort fde
# orders the rows by FDE fit, highest first; the recommendations chart
# counts add up; the cohort page's largest shared gap per role and most
# shared plan step match `score --format json`; an unchanged incremental
# rerun leaves index.pdf alone (mtime), a changed profile remakes it; a
# sharded run writes its own.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
need pdftotext qpdf python3
RG=${RG:-build/reportgen}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_index.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
bad() { echo "FAIL: $*"; fail=1; }
D="--date 2026-03-01 -j 2 -q"
IN=$tmp/in
OUT=$tmp/out
mkdir -p "$IN"
for f in ananya-iyer arjun-mehta dmitry-smirnov kavya-nair zoe-o-briain; do
	cp "inputs/$f.xml" "$IN/"
done
cp tests/bad/level-6.xml "$IN/"

"$RG" batch $D -o "$OUT" "$IN" 2>>"$tmp/log"
st=$?
[ $st = 65 ] || bad "batch: exit $st, expected 65"
I=$OUT/index.pdf
[ -s "$I" ] || { echo "FAIL: no index.pdf"; exit 1; }
pdftotext -layout "$I" "$tmp/i.txt" 2>/dev/null || bad "pdftotext index failed"

# every rendered candidate, by the name summary.csv gives
tail -n +2 "$OUT/summary.csv" | tr -d '\r' | awk -F, '$8 == "ok" { print $3 }' \
    >"$tmp/names"
[ "$(wc -l <"$tmp/names")" = 5 ] || bad "summary.csv: not 5 rendered"
while read -r n; do
	grep -q "$n" "$tmp/i.txt" || bad "index does not list $n"
done <"$tmp/names"
grep -q 'level-6.xml' "$tmp/i.txt" || bad "index does not list the invalid profile"
grep -q 'invalid' "$tmp/i.txt" || bad "index does not show the invalid status"
grep -q 'Page 1 of 2' "$tmp/i.txt" || bad "index page number missing"
echo "ok: index lists every candidate"

# the cohort page (issue 13): its counts are those of `score --format json`
grep -q 'The group' "$tmp/i.txt" || bad "no cohort page"
grep -q '5 candidates with a score' "$tmp/i.txt" || bad "cohort: not 5 scored"
for f in ananya-iyer arjun-mehta dmitry-smirnov kavya-nair zoe-o-briain; do
	"$RG" score --format json --data-dir . --date 2026-03-01 "inputs/$f.xml"
	echo
done >"$tmp/scores.json" 2>/dev/null
python3 - "$tmp/scores.json" >"$tmp/cohort.want" <<'PY'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
for role in ('fde', 'mlops'):
    n = {}
    for d in docs:
        for x in d['dimensions']:
            if x[role + '_gap'] > 0:
                n[x['id']] = n.get(x['id'], 0) + 1
    print('%d of %d, ' % (max(n.values()), len(docs)))
plans = [set(i.get('dimension') or i.get('area') for i in d['plan']['items'])
         for d in docs]
plans = [p for p in plans if p]
top = {}
for p in plans:
    for i in p:
        top[i] = top.get(i, 0) + 1
print('in %d of %d plans' % (max(top.values()), len(plans)))
PY
while read -r want; do
	grep -q "$want" "$tmp/i.txt" || bad "cohort page lacks '$want'"
done <"$tmp/cohort.want"
[ -s "$tmp/cohort.want" ] || bad "cohort: nothing computed to compare"
echo "ok: cohort page: $(tr '\n' ';' <"$tmp/cohort.want")"

# links: /URI (x.pdf) in an uncompressed copy; each exists, one per report
qpdf --qdf --object-streams=disable "$I" "$tmp/q.pdf" 2>/dev/null ||
    bad "qpdf cannot rewrite the index"
grep -a -o '/URI ([^)]*)' "$tmp/q.pdf" | sed 's|/URI (||; s|)$||' |
    sort >"$tmp/uris"
[ "$(wc -l <"$tmp/uris")" = 5 ] || bad "index has $(wc -l <"$tmp/uris") links, expected 5"
while read -r u; do
	case $u in */*|"") bad "link '$u' is not a plain relative file name";; esac
	[ -f "$OUT/$u" ] || bad "link '$u' does not resolve to a file"
done <"$tmp/uris"
(cd "$OUT" && ls *.pdf | grep -v '^index.pdf$') | sort >"$tmp/files"
cmp -s "$tmp/uris" "$tmp/files" || bad "links and report files differ"
echo "ok: links resolve to the report files"

# chart totals: the four counts add up to the rendered reports
pdftotext -raw "$I" "$tmp/raw.txt" 2>/dev/null
sum=$(awk '/^(FDE|MLOps|Either role|Not yet) [0-9]+$/ { s += $NF } END { print s + 0 }' "$tmp/raw.txt")
[ "$sum" = 5 ] || bad "recommendation counts add up to $sum, expected 5"

# --- the idle incremental rerun leaves the index alone
"$RG" batch $D --incremental -o "$OUT" "$IN" 2>>"$tmp/log"
m1=$(stat -c %y "$I")
sleep 0.05
"$RG" batch $D --incremental -o "$OUT" "$IN" 2>>"$tmp/log"
m2=$(stat -c %y "$I")
[ "$m1" = "$m2" ] || bad "idle rerun rewrote index.pdf"
echo "ok: idle rerun leaves index.pdf alone"

# --- --index-sort fde: rows by FDE fit, highest first
"$RG" batch $D --incremental --index-sort fde -o "$OUT" "$IN" 2>>"$tmp/log"
m3=$(stat -c %y "$I")
[ "$m3" != "$m2" ] || bad "--index-sort fde did not remake the index"
pdftotext -layout "$I" "$tmp/f.txt" 2>/dev/null
tail -n +2 "$OUT/summary.csv" | tr -d '\r' |
    awk -F, '$8 == "ok" { print $4 "," $3 }' | sort -t, -k1,1nr |
    cut -d, -f2 >"$tmp/want"
: >"$tmp/got"
while read -r n; do
	grep -n "$n" "$tmp/f.txt" | head -1 | cut -d: -f1 >>"$tmp/got"
done <"$tmp/want"
sort -n "$tmp/got" | cmp -s - "$tmp/got" ||
    { cat "$tmp/want"; bad "--index-sort fde: rows not in FDE order"; }
# and by name (the default) they are alphabetical
"$RG" batch $D --incremental -o "$OUT" "$IN" 2>>"$tmp/log"
pdftotext -layout "$I" "$tmp/n.txt" 2>/dev/null
: >"$tmp/got"
sort "$tmp/names" | while read -r n; do
	grep -n "$n" "$tmp/n.txt" | head -1 | cut -d: -f1
done >"$tmp/got"
sort -n "$tmp/got" | cmp -s - "$tmp/got" || bad "default order is not by name"
echo "ok: --index-sort orders the rows"

# --- a changed profile remakes it
m4=$(stat -c %y "$I")
sed -i 's/level="2" years="1" projects="1"/level="3" years="3" projects="3"/' \
    "$IN/ananya-iyer.xml"
"$RG" batch $D --incremental -o "$OUT" "$IN" 2>>"$tmp/log"
m5=$(stat -c %y "$I")
[ "$m4" != "$m5" ] || bad "a changed profile did not remake the index"
echo "ok: a change remakes the index"

# --- shards write their own
"$RG" batch $D --shard 0/2 -o "$tmp/s0" "$IN" 2>>"$tmp/log"
"$RG" batch $D --shard 1/2 -o "$tmp/s1" "$IN" 2>>"$tmp/log"
n0=$(ls "$tmp/s0" | grep -c '\.pdf$')
n1=$(ls "$tmp/s1" | grep -c '\.pdf$')
[ -s "$tmp/s0/index.pdf" ] && [ -s "$tmp/s1/index.pdf" ] || bad "a shard has no index"
[ $((n0 + n1)) = 7 ] || bad "shards: $n0 + $n1 PDFs, expected 5 reports + 2 indexes"
pdftotext "$tmp/s0/index.pdf" - 2>/dev/null | grep -q 'shard 0/2' ||
    bad "shard index does not say which shard"
echo "ok: sharded runs write their own index"

[ $fail = 0 ] && echo "index: all ok"
exit $fail
