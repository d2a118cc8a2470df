#!/bin/sh
# t_batch.sh: `reportgen batch` end to end on a handful of profiles.
#
# Valid and invalid profiles together (exit 65, only the valid rendered,
# summary.csv rows); --incremental reruns that touch nothing, re-render
# exactly what changed (one profile, the market data, a deleted output);
# the lock (75 at once, nothing touched); duplicate ids; a crashing and a
# hanging worker cost one profile each (70); --shard K/N covers the set
# once and merge-summaries joins the shards; --prune; an output directory
# that cannot be made (73); JSON log lines parse.

RG=${RG:-build/reportgen}
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_batch.XXXXXX") || exit 1
lockpid=
trap '[ -n "$lockpid" ] && kill "$lockpid" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

bad() {
	echo "FAIL: $*"
	fail=1
}

D="--date 2026-03-01 -j 2"
IN=$tmp/in
OUT=$tmp/out
mkdir -p "$IN"
for f in ananya-iyer arjun-mehta dmitry-smirnov kavya-nair zoe-o-briain; do
	cp "inputs/$f.xml" "$IN/"
done
cp tests/bad/level-6.xml tests/bad/truncated.xml "$IN/"
VALID="ananya-iyer arjun-mehta dmitry-smirnov kavya-nair zoe-o-briain"

# Every file's name and modification time (nanoseconds).
snap() {
	(cd "$1" && stat -c '%n %y' .reportgen.lock * | sort)
}
count() {	# dir -> number of reports (PDFs but the batch's index.pdf)
	ls "$1" | grep -v '^index\.pdf$' | grep -c '\.pdf$'
}

# --- 1. valid + invalid: exit 65, exactly the valid ones rendered -------
"$RG" batch $D -o "$OUT" "$IN" 2>"$tmp/err1"
st=$?
[ $st = 65 ] || bad "mixed batch: exit $st, expected 65"
for id in $VALID; do
	[ -s "$OUT/$id.pdf" ] || bad "mixed batch: $id.pdf missing"
done
[ "$(count "$OUT")" = 5 ] || bad "mixed batch: $(count "$OUT") PDFs, expected 5"
grep -q 'level-6.xml:[0-9]*: error' "$tmp/err1" ||
	bad "mixed batch: level-6.xml not reported"
grep -q 'truncated.xml.*error' "$tmp/err1" ||
	bad "mixed batch: truncated.xml not reported"
grep -q '^rendered 5, unchanged 0, invalid 2, failed 0 in ' "$tmp/err1" ||
	bad "mixed batch: counts line: $(tail -1 "$tmp/err1")"
S=$OUT/summary.csv
[ "$(head -1 "$S")" = "$(printf 'path,id,name,fde,mlops,recommendation,seniority,status,output,message\r')" ] ||
	bad "summary.csv: header row or CRLF wrong"
[ "$(grep -c ',ok,' "$S")" = 5 ] || bad "summary.csv: not 5 ok rows"
grep -q "^$IN/level-6.xml,,,,,,,invalid,,\"\\?$IN/level-6.xml:" "$S" ||
	bad "summary.csv: level-6 row wrong"
grep -q "^$IN/kavya-nair.xml,kavya-nair,Kavya Nair,[0-9.]*,[0-9.]*,[a-z-]*,[a-z]*,ok,kavya-nair.pdf," "$S" ||
	bad "summary.csv: kavya-nair row wrong"
[ -s "$OUT/state.db" ] || bad "state.db not written"
[ -e "$OUT/manifest.json" ] && bad "manifest.json written beside state.db"

# --- 2. incremental rerun over unchanged inputs touches nothing ---------
snap "$OUT" >"$tmp/s1"
"$RG" batch $D --incremental -o "$OUT" "$IN" 2>"$tmp/err2"
st=$?
[ $st = 65 ] || bad "idle rerun: exit $st, expected 65 (invalid ones remain)"
snap "$OUT" >"$tmp/s2"
cmp -s "$tmp/s1" "$tmp/s2" || { bad "idle rerun changed files:"; diff "$tmp/s1" "$tmp/s2"; }
grep -q '^rendered 0, unchanged 5, invalid 2, failed 0' "$tmp/err2" ||
	bad "idle rerun: counts: $(tail -1 "$tmp/err2")"
grep -q 'level-6.xml:[0-9]*: error' "$tmp/err2" ||
	bad "idle rerun: the invalid profile's message is not repeated"

# --- 3. one profile changed: exactly that one re-rendered ---------------
echo '<!-- edited -->' >>"$IN/kavya-nair.xml"
"$RG" batch $D --incremental -o "$OUT" "$IN" 2>"$tmp/err3"
snap "$OUT" >"$tmp/s3"
changed=$(diff "$tmp/s2" "$tmp/s3" | grep '^>' | grep '\.pdf ' | cut -d' ' -f2)
[ "$changed" = "kavya-nair.pdf" ] || bad "one edit: re-rendered '$changed'"
grep -q '^rendered 1, unchanged 4,' "$tmp/err3" ||
	bad "one edit: counts: $(tail -1 "$tmp/err3")"

# --- 4. a deleted output is rendered again ------------------------------
rm "$OUT/arjun-mehta.pdf"
"$RG" batch $D --incremental -o "$OUT" "$IN" 2>"$tmp/err4"
[ -s "$OUT/arjun-mehta.pdf" ] || bad "deleted output not rendered again"
grep -q '^rendered 1, unchanged 4,' "$tmp/err4" ||
	bad "deleted output: counts: $(tail -1 "$tmp/err4")"

# --- 5. changed market data re-renders every report ---------------------
cp data/market.xml "$tmp/market.xml"
echo '<!-- a newer edition -->' >>"$tmp/market.xml"
"$RG" batch $D --incremental --market "$tmp/market.xml" -o "$OUT" "$IN" \
    2>"$tmp/err5"
grep -q '^rendered 5, unchanged 0,' "$tmp/err5" ||
	bad "market change: counts: $(tail -1 "$tmp/err5")"

# --- 6. lock held: exit 75 within a second, nothing touched -------------
snap "$OUT" >"$tmp/s6"
flock -o "$OUT/.reportgen.lock" sleep 5 &
lockpid=$!
i=0
while flock -n "$OUT/.reportgen.lock" true 2>/dev/null && [ $i -lt 50 ]; do
	sleep 0.05
	i=$((i + 1))
done
t0=$(date +%s%N)
"$RG" batch $D -o "$OUT" "$IN" 2>"$tmp/err6"
st=$?
t1=$(date +%s%N)
kill "$lockpid" 2>/dev/null
wait "$lockpid" 2>/dev/null
lockpid=
[ $st = 75 ] || bad "lock held: exit $st, expected 75"
[ $(( (t1 - t0) / 1000000 )) -lt 1000 ] || bad "lock held: took $(( (t1 - t0) / 1000000 )) ms"
snap "$OUT" >"$tmp/s7"
cmp -s "$tmp/s6" "$tmp/s7" || bad "lock held: files changed"

# --- 7. --prune removes the report of a profile that is gone ------------
rm "$IN/zoe-o-briain.xml"
"$RG" batch $D --incremental --market "$tmp/market.xml" -o "$OUT" "$IN" \
    2>"$tmp/err7"
[ -f "$OUT/zoe-o-briain.pdf" ] || bad "without --prune a report was removed"
grep -q 'zoe-o-briain.xml: warning: input gone' "$tmp/err7" ||
	bad "a vanished profile was not reported"
"$RG" batch $D --incremental --prune --market "$tmp/market.xml" -o "$OUT" \
    "$IN" 2>"$tmp/err8"
[ ! -e "$OUT/zoe-o-briain.pdf" ] || bad "--prune kept the report"
grep -q 'zoe-o-briain' "$OUT/summary.csv" && bad "summary.csv lists the vanished profile"
cp inputs/zoe-o-briain.xml "$IN/"

# --- 8. duplicate ids: the later file fails, naming both ----------------
mkdir "$tmp/dup"
cp inputs/ananya-iyer.xml "$tmp/dup/a.xml"
cp inputs/ananya-iyer.xml "$tmp/dup/b.xml"
cp inputs/arjun-mehta.xml "$tmp/dup/c.xml"
"$RG" batch $D -o "$tmp/dupout" "$tmp/dup" 2>"$tmp/err9"
st=$?
[ $st = 65 ] || bad "duplicate ids: exit $st, expected 65"
grep -q "b.xml: error: id 'ananya-iyer' is already used by .*a.xml" "$tmp/err9" ||
	bad "duplicate ids: message: $(cat "$tmp/err9")"
grep -q '/b.xml,ananya-iyer,.*,duplicate,' "$tmp/dupout/summary.csv" ||
	bad "duplicate ids: summary row"
[ "$(count "$tmp/dupout")" = 2 ] || bad "duplicate ids: $(count "$tmp/dupout") PDFs"

# --- 9. a crashing worker costs its profile only ------------------------
REPORTGEN_TEST_CRASH_ID=arjun-mehta "$RG" batch $D -o "$tmp/crash" "$IN" \
    2>"$tmp/err10"
st=$?
[ $st = 70 ] || bad "crash: exit $st, expected 70"
grep -q 'arjun-mehta.xml: error: worker killed by signal 11' "$tmp/err10" ||
	bad "crash: message: $(grep arjun "$tmp/err10")"
[ "$(count "$tmp/crash")" = 4 ] || bad "crash: $(count "$tmp/crash") PDFs, expected 4"
[ ! -e "$tmp/crash/arjun-mehta.pdf" ] || bad "crash: the crashed profile has a PDF"

# --- 10. a hanging worker is killed after --timeout ---------------------
REPORTGEN_TEST_HANG_ID=kavya-nair "$RG" batch $D --timeout 1 -o "$tmp/hang" \
    "$IN" 2>"$tmp/err11"
st=$?
[ $st = 70 ] || bad "hang: exit $st, expected 70"
grep -q 'kavya-nair.xml: error: timed out after 1 s' "$tmp/err11" ||
	bad "hang: message missing"
[ "$(count "$tmp/hang")" = 4 ] || bad "hang: $(count "$tmp/hang") PDFs, expected 4"

# --- 11. shards cover the set exactly once; merge-summaries joins -------
for k in 0 1 2; do
	"$RG" batch $D --shard $k/3 -o "$tmp/shard$k" "$IN" 2>/dev/null
done
all=$(ls "$tmp"/shard*/ | grep -v '^index\.pdf$' | grep '\.pdf$' | sort)
uniq=$(echo "$all" | sort -u)
[ "$all" = "$uniq" ] || bad "shards overlap: $all"
[ "$(echo "$all" | wc -l)" = 5 ] || bad "shards render $(echo "$all" | wc -l) of 5"
"$RG" merge-summaries -o "$tmp/merged.csv" "$tmp"/shard*/summary.csv
st=$?
[ $st = 0 ] || bad "merge-summaries: exit $st"
[ "$(grep -c '^path,id,' "$tmp/merged.csv")" = 1 ] || bad "merged: header not once"
PY=/usr/bin/python3
[ -x $PY ] || PY=python3
$PY - "$tmp/merged.csv" <<'EOF' || bad "merged summary: rows or order"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0][:2] == ["path", "id"], rows[0]
assert len(rows) == 8, len(rows)
ids = [r[1] for r in rows[1:]]
assert ids == sorted(ids), ids
assert sum(r[7] == "ok" for r in rows[1:]) == 5
EOF
# ... and the merged index.pdf beside it: 0600, every candidate, each
# name a link that reaches its report in its shard's directory
MI=$tmp/index.pdf
[ -s "$MI" ] || bad "merge-summaries: no index.pdf beside the merged CSV"
[ "$(stat -c %a "$MI" 2>/dev/null)" = 600 ] || bad "merged index.pdf mode $(stat -c %a "$MI" 2>/dev/null)"
pdftotext -layout "$MI" - 2>/dev/null >"$tmp/mi.txt"
grep -q '^ *7 candidates .* updated 2026-03-01' "$tmp/mi.txt" ||
	bad "merged index.pdf: not 7 candidates updated 2026-03-01 (the assessments' date): $(head -2 "$tmp/mi.txt")"
[ "$(grep -c ' \(US\|IN\)  .*  ok *$' "$tmp/mi.txt")" = 5 ] ||
	bad "merged index.pdf: the market of the 5 reports not shown"
# (links sit in an object stream: qpdf writes them out uncompressed)
qpdf --qdf --object-streams=disable "$MI" "$tmp/mi-qdf.pdf" 2>/dev/null ||
	bad "merged index.pdf: qpdf cannot read it"
$PY - "$tmp/mi-qdf.pdf" "$tmp" <<'EOF' || bad "merged index.pdf: links"
import os, re, sys
data = open(sys.argv[1], "rb").read()
uris = [u.decode().replace("\\057", "/") for u in re.findall(rb"/URI *\(([^)]*)\)", data)]
assert len(uris) == 5, uris
for u in uris:
    assert u.startswith("shard"), u
    assert os.path.isfile(os.path.join(sys.argv[2], u)), u
EOF
# never over a shard's own index.pdf
cp "$tmp/shard0/index.pdf" "$tmp/i0"
"$RG" merge-summaries --allow-partial -o "$tmp/shard0/merged.csv" "$tmp/shard0/summary.csv" 2>"$tmp/errmi"
cmp -s "$tmp/shard0/index.pdf" "$tmp/i0" || bad "merge-summaries replaced a shard's index.pdf"
grep -q "no merged index.pdf" "$tmp/errmi" || bad "merge into a shard directory: no warning"
rm -f "$tmp/shard0/merged.csv"
"$RG" merge-summaries -o "$tmp/merged2.csv" "$tmp/shard0/summary.csv" \
    "$tmp/shard0/summary.csv" 2>"$tmp/err12"
st=$?
if grep -q ',ok,' "$tmp/shard0/summary.csv"; then
	[ $st = 65 ] || bad "merge of duplicates: exit $st, expected 65"
	grep -q "also in" "$tmp/err12" || bad "merge of duplicates not reported"
fi

# --- 12. output directory that cannot be made: 73 before any work --------
: >"$tmp/file"
"$RG" batch $D -o "$tmp/file/sub" "$IN" 2>/dev/null
st=$?
[ $st = 73 ] || bad "-o file/sub: exit $st, expected 73"

# --- 13. --log-format json: one object per profile, then a summary ------
"$RG" batch $D --log-format json -o "$tmp/json" "$IN" 2>"$tmp/log.json"
$PY - "$tmp/log.json" <<'EOF' || bad "JSON log lines"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
profiles = [l for l in lines if not l.get("summary")]
assert len(profiles) == 7, len(profiles)
assert lines[-1]["summary"] is True and lines[-1]["rendered"] == 5, lines[-1]
for p in profiles:
    for k in ("path", "id", "status", "fde", "mlops", "recommendation",
              "output", "sha256", "duration_ms", "message"):
        assert k in p, (k, p)
    assert "name" not in p, "personal data in the log"
ok = [p for p in profiles if p["status"] == "rendered"]
assert len(ok) == 5 and all(len(p["sha256"]) == 64 for p in ok)
EOF

# --- 14. usage errors ----------------------------------------------------
"$RG" batch --shard 3/3 "$IN" 2>/dev/null
[ $? = 64 ] || bad "--shard 3/3 not a usage error"
"$RG" batch --date 2026-02-30 "$IN" 2>/dev/null
[ $? = 64 ] || bad "--date 2026-02-30 not a usage error"

[ $fail = 0 ] && echo "t_batch: ok"
exit $fail
