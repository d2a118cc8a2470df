#!/bin/sh
# t_dates.sh: dates after the report date (issue 12).  A position that
# starts after it is an error for every command (validate, score, render,
# batch); one that ends after it is a warning, and the score counts it up
# to the report date only: the same assessment as ending there.
RG=${RG:-build/reportgen}
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_dates.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
bad() { echo "FAIL: $*"; fail=1; }
D="--data-dir . --date 2026-03-01"

# A customer-facing position (the years count in the FDE fit) that ends
# in 2099, and the same ending at the report date.
cat >"$tmp/pos.xml" <<'XML'
      <position customer-facing="true">
        <title>Forward Deployed Engineer</title>
        <organisation>Example Corp</organisation>
        <start>2024-01</start>
        <end>END</end>
        <owned deployments="3" workshops="2"/>
      </position>
XML
mk() {	# end-date file
	sed "s|END|$1|" "$tmp/pos.xml" >"$tmp/pos1.xml"
	sed "/<positions>/r $tmp/pos1.xml" inputs/ananya-iyer.xml >"$2"
}
mk 2099-06 "$tmp/future.xml"
mk 2026-03 "$tmp/now.xml"
grep -q 2099-06 "$tmp/future.xml" || bad "test profile not made"

"$RG" score $D --format json "$tmp/future.xml" >"$tmp/f.json" 2>"$tmp/err" ||
    bad "score (end in 2099): exit $?: $(cat "$tmp/err")"
grep -q "warning: position 'Forward Deployed Engineer' ends (2099-06) after the report date (2026-03)" \
    "$tmp/err" || bad "no warning: $(cat "$tmp/err")"
"$RG" score $D --format json "$tmp/now.xml" >"$tmp/n.json" 2>/dev/null
sed 's|"path":"[^"]*"||' "$tmp/f.json" >"$tmp/f2"
sed 's|"path":"[^"]*"||' "$tmp/n.json" >"$tmp/n2"
cmp -s "$tmp/f2" "$tmp/n2" || bad "an end in 2099 scores differently from one at the report date"
echo "ok: an end after the report date warns and counts up to it"

# A start after the report date: an error in every command
sed 's|<start>2024-01</start>|<start>2026-04</start>|' "$tmp/future.xml" >"$tmp/start.xml"
"$RG" score $D "$tmp/start.xml" >/dev/null 2>"$tmp/err"; st=$?
[ $st = 65 ] || bad "score, start after the date: exit $st"
grep -q "starts (2026-04) after the report date (2026-03)" "$tmp/err" ||
    bad "score: $(cat "$tmp/err")"
"$RG" render $D -o "$tmp/x.pdf" "$tmp/start.xml" 2>/dev/null; st=$?
[ $st = 65 ] || bad "render, start after the date: exit $st"
[ -e "$tmp/x.pdf" ] && bad "render wrote a report"
# the same profile is fine on a later date
"$RG" score --data-dir . --date 2026-05-01 "$tmp/start.xml" >/dev/null 2>&1 ||
    bad "score --date 2026-05-01: exit $?"
SOURCE_DATE_EPOCH=1772366400 "$RG" validate --data-dir . "$tmp/start.xml" 2>/dev/null; st=$?
[ $st = 65 ] || bad "validate (SOURCE_DATE_EPOCH 2026-03-01): exit $st"
mkdir -p "$tmp/in" && cp "$tmp/start.xml" "$tmp/in/"
SOURCE_DATE_EPOCH=1772366400 "$RG" batch --data-dir . -j 1 -q -o "$tmp/out" \
    "$tmp/in" 2>/dev/null; st=$?
[ $st = 65 ] || bad "batch (SOURCE_DATE_EPOCH 2026-03-01): exit $st"
echo "ok: a start after the report date is an error in validate, score, render and batch"
exit $fail
