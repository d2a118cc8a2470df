#!/bin/sh
# t_progress.sh: "Progress since your last report".  A profile rendered
# by an incremental batch, edited (one skill raised), rendered again: the
# new report shows the old and new fits (as the manifests recorded them),
# the improved skill with its old and new level, and the last report's
# date; the first report, an unchanged profile and a single render have
# no such page; a manifest from before the levels were kept still works.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
need pdftotext /usr/bin/python3
RG=${RG:-build/reportgen}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_progress.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
bad() { echo "FAIL: $*"; fail=1; }
IN=$tmp/in
OUT=$tmp/out
mkdir -p "$IN"
cp inputs/ananya-iyer.xml inputs/kavya-nair.xml "$IN/"
P=$IN/ananya-iyer.xml
TITLE='Progress since your last report'
# fde or mlops fit of an id in the run state, rounded as the report
# prints it
fit() {
	/usr/bin/python3 -c 'import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
(f,) = db.execute("SELECT %s FROM entry WHERE id = ?" % sys.argv[3],
    (sys.argv[2],)).fetchone()
v = "%.1f" % f  # as the report prints it: 0.1, ".0" dropped
print(v[:-2] if v.endswith(".0") else v)' "$@"
}
# a column of an id's row in the run state
col() {
	/usr/bin/python3 -c 'import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
print(db.execute("SELECT %s FROM entry WHERE id = ?" % sys.argv[3],
    (sys.argv[2],)).fetchone()[0])' "$@"
}

"$RG" batch -q -j 2 --incremental --date 2026-03-01 -o "$OUT" "$IN" ||
    bad "first batch failed"
pdftotext "$OUT/ananya-iyer.pdf" - 2>/dev/null | grep -q "$TITLE" &&
    bad "a first report has a progress page"
old_fde=$(fit "$OUT/state.db" ananya-iyer fde)
old_ml=$(fit "$OUT/state.db" ananya-iyer mlops)
col "$OUT/state.db" ananya-iyer levels | tr , '\n' | grep -qx 'cloud=2' ||
    bad "the state does not keep the effective levels"
col "$OUT/state.db" ananya-iyer plan | tr , '\n' | grep -qx 'cloud' ||
    bad "the state does not keep the plan items"

# raise one skill, with the evidence to back it
grep -q '<skill dimension="cloud" level="2" years="1" projects="1"/>' "$P" ||
    { echo "FAIL: sample profile changed; adjust the test"; exit 1; }
sed -i 's|<skill dimension="cloud" level="2" years="1" projects="1"/>|<skill dimension="cloud" level="4" years="4" projects="5"/>|' "$P"
"$RG" batch -j 2 --incremental --date 2026-05-01 -o "$OUT" "$IN" 2>"$tmp/err" ||
    { cat "$tmp/err"; bad "second batch failed"; }
grep -q 'rendered 1, unchanged 1' "$tmp/err" || bad "counts: $(tail -1 "$tmp/err")"
new_fde=$(fit "$OUT/state.db" ananya-iyer fde)
new_ml=$(fit "$OUT/state.db" ananya-iyer mlops)
[ "$new_fde" != "$old_fde" ] || bad "raising a skill did not change the FDE fit"
pdftotext "$OUT/ananya-iyer.pdf" "$tmp/a.txt" 2>/dev/null
grep -q "$TITLE" "$tmp/a.txt" || bad "no progress page after an edit"
for s in "$old_fde then" "$new_fde now" "$old_ml then" "$new_ml now" \
    'Cloud infrastructure' 'level 2 → 4' '1 March 2026'; do
	grep -q "$s" "$tmp/a.txt" || bad "progress page lacks '$s'"
done
pdftotext "$OUT/kavya-nair.pdf" - 2>/dev/null | grep -q "$TITLE" &&
    bad "an unchanged profile's report has a progress page"
echo "ok: progress page: FDE $old_fde -> $new_fde, MLOps $old_ml -> $new_ml"

# an idle rerun keeps the report (and its progress page) as it is
m1=$(stat -c %y "$OUT/ananya-iyer.pdf")
"$RG" batch -q -j 2 --incremental --date 2026-05-01 -o "$OUT" "$IN"
[ "$m1" = "$(stat -c %y "$OUT/ananya-iyer.pdf")" ] || bad "idle rerun rewrote the report"

# a directory an older reportgen wrote: manifest.json (format 2) without
# levels and plan, and no state.db: imported, and the progress page
# still made
/usr/bin/python3 tests/state_to_manifest.py "$OUT"
sed -i 's|level="4" years="4" projects="5"/>|level="5" years="6" projects="8"/>|' "$P"
"$RG" batch -j 2 --incremental --date 2026-06-01 -o "$OUT" "$IN" 2>"$tmp/err" ||
    { cat "$tmp/err"; bad "batch over an old manifest failed"; }
pdftotext "$OUT/ananya-iyer.pdf" "$tmp/b.txt" 2>/dev/null
grep -q "$TITLE" "$tmp/b.txt" || bad "old manifest: no progress page"
grep -q 'did not record skill' "$tmp/b.txt" ||
    bad "old manifest: the missing levels are not explained"
[ -e "$OUT/manifest.json" ] && bad "old manifest: not removed once imported"
[ -s "$OUT/state.db" ] || bad "old manifest: no state.db made from it"
echo "ok: an old manifest without levels works"

# a single render never has one
"$RG" render --date 2026-05-01 -o "$tmp/r.pdf" "$P" || bad "render failed"
pdftotext "$tmp/r.pdf" - 2>/dev/null | grep -q "$TITLE" &&
    bad "a single render has a progress page"

[ $fail = 0 ] && echo "progress: all ok"
exit $fail
