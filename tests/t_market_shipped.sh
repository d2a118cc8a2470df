#!/bin/sh
# t_market_shipped.sh: the shipped data/market.xml with the shipped
# schemas/market.xsd is not validated again at run time (issue 17,
# load_market.c); everything else still is:
#  - the shipped pair renders, as it did;
#  - the shipped market.xml under a changed schema (a data directory whose
#    market.xsd wants version 2) is validated, and rejected;
#  - a --market file one byte away from the shipped one (version 2) is
#    validated, and rejected by the schema.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
RG=${RG:-build/reportgen}
scratch
fail=0
no() { echo "FAIL: $*"; fail=$((fail + 1)); }
D="--date 2026-06-01"
P=inputs/arjun-mehta.xml

"$RG" render $D "$P" -o "$tmp/a.pdf" 2>"$tmp/err" ||
    { cat "$tmp/err"; no "the shipped market data: does not render"; }

grep -q 'fixed="1"' schemas/market.xsd || no "market.xsd has no fixed version"
mkdir -p "$tmp/data/schemas"
ln -s "$PWD/fonts" "$tmp/data/fonts"
ln -s "$PWD/data" "$tmp/data/data"
cp schemas/candidate.xsd schemas/brand.xsd "$tmp/data/schemas/"
sed 's/fixed="1"/fixed="2"/' schemas/market.xsd >"$tmp/data/schemas/market.xsd"
"$RG" render -D "$tmp/data" $D "$P" -o "$tmp/b.pdf" 2>"$tmp/err" &&
    no "a changed schema: the shipped market.xml is not validated against it"
grep -q 'market.xml.*version' "$tmp/err" ||
    { cat "$tmp/err"; no "a changed schema: no schema error on the version"; }

sed '0,/version="1"/s//version="2"/' data/market.xml >"$tmp/market.xml"
cmp -s data/market.xml "$tmp/market.xml" && no "could not change the version"
"$RG" render --market "$tmp/market.xml" $D "$P" -o "$tmp/c.pdf" 2>"$tmp/err" &&
    no "a changed market file is not validated"
grep -q 'version' "$tmp/err" ||
    { cat "$tmp/err"; no "a changed market file: no schema error on the version"; }
[ "$fail" = 0 ] && echo "t_market_shipped: ok"
finish "$fail"
