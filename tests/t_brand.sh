#!/bin/sh
# t_brand.sh: --brand.  A branded render shows the organisation and the
# coach in the text and the logo as an image; without a brand the report
# has neither; a missing logo, a logo that is not an image and a missing
# brand file are clear errors naming the file (65/66) and leave no PDF;
# a batch brands its index too.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
need pdftotext
RG=${RG:-build/reportgen}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_brand.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
bad() { echo "FAIL: $*"; fail=1; }
P=inputs/ananya-iyer.xml
D="--date 2026-01-15"

# -- branded
"$RG" render $D --brand data/brand-example.xml -o "$tmp/b.pdf" "$P" \
    2>"$tmp/err" || { cat "$tmp/err"; bad "branded render failed"; }
pdftotext "$tmp/b.pdf" "$tmp/b.txt" 2>/dev/null || bad "pdftotext failed"
grep -q 'Harbour Lane Career Studio' "$tmp/b.txt" ||
    bad "organisation not in the branded report"
grep -q 'Prepared by Priya Raman' "$tmp/b.txt" ||
    bad "coach not in the branded report"
grep -q 'priya.raman@example.org' "$tmp/b.txt" ||
    bad "contact not in the branded report"
grep -q 'Confidential: prepared for the named candidate only.' "$tmp/b.txt" ||
    bad "brand footer line not in the report"
n=$(pdfimages -list "$tmp/b.pdf" 2>/dev/null | awk 'NR > 2' | wc -l)
[ "$n" -ge 1 ] || bad "no image in the branded report"
# embedded once, drawn on every page: one object id
objs=$(pdfimages -list "$tmp/b.pdf" 2>/dev/null | awk 'NR > 2 { print $11 }' |
    sort -u | wc -l)
[ "$objs" = 1 ] || bad "the logo is embedded $objs times, expected once"
echo "ok: branded render ($n image placements, 1 object)"

# -- neutral default
"$RG" render $D -o "$tmp/n.pdf" "$P" 2>/dev/null || bad "plain render failed"
pdftotext "$tmp/n.pdf" - 2>/dev/null | grep -q 'Harbour Lane' &&
    bad "unbranded report shows the brand"
n=$(pdfimages -list "$tmp/n.pdf" 2>/dev/null | awk 'NR > 2' | wc -l)
[ "$n" = 0 ] || bad "unbranded report has $n images"
echo "ok: unbranded report is neutral"

# -- missing logo
sed 's|<logo>logo-example.png</logo>|<logo>gone.png</logo>|' \
    data/brand-example.xml >"$tmp/nologo.xml"
"$RG" render $D --brand "$tmp/nologo.xml" -o "$tmp/x1.pdf" "$P" 2>"$tmp/err"
st=$?
case $st in 65|66) ;; *) bad "missing logo: exit $st, expected 65 or 66";; esac
grep -q "gone.png" "$tmp/err" || { cat "$tmp/err"; bad "missing logo: file not named"; }
[ -e "$tmp/x1.pdf" ] && bad "missing logo: a PDF was written"
echo "ok: missing logo refused ($st)"

# -- a logo that is not an image
echo 'not a picture' >"$tmp/fake.png"
sed 's|<logo>logo-example.png</logo>|<logo>fake.png</logo>|' \
    data/brand-example.xml >"$tmp/badlogo.xml"
"$RG" render $D --brand "$tmp/badlogo.xml" -o "$tmp/x2.pdf" "$P" 2>"$tmp/err"
st=$?
[ $st = 65 ] || bad "bad logo: exit $st, expected 65"
grep -q "fake.png" "$tmp/err" || { cat "$tmp/err"; bad "bad logo: file not named"; }
[ -e "$tmp/x2.pdf" ] && bad "bad logo: a PDF was written"
echo "ok: non-image logo refused ($st)"

# -- missing brand file, invalid brand file
"$RG" render $D --brand "$tmp/none.xml" -o "$tmp/x3.pdf" "$P" 2>"$tmp/err"
st=$?
[ $st = 66 ] || bad "missing brand file: exit $st, expected 66"
grep -q "none.xml" "$tmp/err" || bad "missing brand file not named"
sed 's|#1F6FB2|blue|' data/brand-example.xml >"$tmp/badcol.xml"
cp data/logo-example.png "$tmp/"
"$RG" render $D --brand "$tmp/badcol.xml" -o "$tmp/x4.pdf" "$P" 2>"$tmp/err"
st=$?
[ $st = 65 ] || bad "invalid brand: exit $st, expected 65"
grep -q "badcol.xml:[0-9]*:" "$tmp/err" || bad "invalid brand: no file:line message"
[ -e "$tmp/x3.pdf" ] || [ -e "$tmp/x4.pdf" ] && bad "bad brand: a PDF was written"
echo "ok: missing and invalid brand files refused"

# -- a batch brands its reports and index
mkdir -p "$tmp/in"
cp inputs/kavya-nair.xml inputs/arjun-mehta.xml "$tmp/in/"
"$RG" batch $D -j 2 -q --brand data/brand-example.xml -o "$tmp/out" "$tmp/in" ||
    bad "branded batch failed"
pdftotext "$tmp/out/index.pdf" - 2>/dev/null | grep -q 'Harbour Lane Career Studio' ||
    bad "index not branded"
pdftotext "$tmp/out/kavya-nair.pdf" - 2>/dev/null | grep -q 'Harbour Lane' ||
    bad "batch report not branded"
echo "ok: branded batch"

[ $fail = 0 ] && echo "brand: all ok"
exit $fail
