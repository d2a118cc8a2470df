#!/bin/sh
# t_data.sh: the data files validate against their schemas and hold what
# the schemas cannot say.
#
# data/market.xml against schemas/market.xsd, plus: the 8 dimension ids in
# order, weights summing to 100 per role, scoring components summing to
# 100, synonyms lower-case and under one dimension only.  Every
# inputs/*.xml and tests/stress/*.xml against schemas/candidate.xsd, plus:
# each inputs/ file named after its profile id and under 20 KB, skill
# dimensions and statement ids known to the market data.  A broken copy of
# the market data must be rejected (so the check can fail).
# Needs xmllint (libxml2-utils): tests/lib.sh skips it without, or fails
# it under CI=true.

cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
need xmllint

fail=0
n=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_data.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

bad() {
	echo "FAIL: $*"
	fail=1
}

check() {	# schema file
	n=$((n + 1))
	if ! out=$(xmllint --noout --schema "$1" "$2" 2>&1); then
		bad "$2 does not validate against $1:"
		printf '%s\n' "$out" | sed 's/^/    /'
	fi
}

xp() {		# xpath file
	xmllint --xpath "$1" "$2" 2>/dev/null
}

M=data/market.xml
L='local-name()'
check schemas/market.xsd "$M"

# The dimension ids other modules rely on, in order.
dims=$(xp "//*[$L='dimension']/@id" "$M" | sed 's/.*id="\([^"]*\)".*/\1/' |
    tr '\n' ' ')
want="python_apis cloud containers ml_frameworks pipelines customer cicd business "
[ "$dims" = "$want" ] || bad "$M: dimensions are '$dims', want '$want'"

for r in fde mlops; do
	s=$(xp "sum(//*[$L='require'][@role='$r']/@weight)" "$M")
	[ "$s" = 100 ] || bad "$M: $r weights sum to $s, not 100"
done
s=$(xp "sum(//*[$L='components']/@*)" "$M")
[ "$s" = 100 ] || bad "$M: scoring components sum to $s, not 100"

xp "//*[$L='synonym']/text()" "$M" >"$tmp/syn"
[ -s "$tmp/syn" ] || bad "$M: no synonyms found"
dup=$(sort "$tmp/syn" | uniq -d)
[ -z "$dup" ] || bad "$M: synonyms under more than one dimension: $dup"
upper=$(grep '[A-Z]' "$tmp/syn")
[ -z "$upper" ] || bad "$M: synonyms not lower-case: $upper"

stmts=$(xp "//*[$L='statement']/@id" "$M" | sed 's/.*id="\([^"]*\)".*/\1/')
nl='
'

# A broken copy must be rejected: drop the last dimension's require.
sed 's|<require role="mlops" level="2" term="Familiar" weight="5"/>||' \
    "$M" >"$tmp/broken.xml"
if cmp -s "$M" "$tmp/broken.xml"; then
	bad "could not make a broken copy of $M"
elif xmllint --noout --schema schemas/market.xsd "$tmp/broken.xml" \
    >/dev/null 2>&1; then
	bad "a market file missing a <require> validates"
fi

# Issue 11: the market data says what the article says, no more.
# Every band has a kind; India MLOps pay has no basis in the article;
# its senior and staff bands are our estimates and the staff band has no
# "+"; the India FDE figure carries its scope; Glassdoor's figure is for
# ML engineers; 800%+ is nine times; equity, not "equity and bonus"; the
# article's worded comparisons are there with a source; each published
# band's figures are in the article.
ART=${ARTICLE:-../shared/market/fde-vs-mlops-2026.txt}
[ -f "$ART" ] || ART=/work/shared/market/fde-vs-mlops-2026.txt
python3 - "$M" "$ART" <<'PYEOF' || fail=1
import os, re, sys
import xml.etree.ElementTree as ET
NS = "{urn:reportgen:market:1}"
root = ET.parse(sys.argv[1]).getroot()
bad = []
def need(c, what):
    if not c:
        bad.append(what)
bands = root.findall(NS + "salaries/" + NS + "band")
for b in bands:
    key = "%s %s %s" % (b.get("market"), b.get("role"), b.get("seniority"))
    need(b.get("kind") in ("published", "estimate"), key + ": kind")
    if b.get("market") == "IN" and b.get("role") == "mlops":
        need(b.get("basis") == "unstated",
             key + ": the article gives no basis for India MLOps pay")
        if b.get("seniority") in ("senior", "staff"):
            need(b.get("kind") == "estimate", key + ": is our estimate")
        if b.get("seniority") == "staff":
            need(b.get("open-ended", "false") == "false",
                 key + ": no '+' in the article")
    if b.get("market") == "IN" and b.get("role") == "fde":
        need("global remote" in (b.get("scope") or ""),
             key + ": scope says global remote roles")
for r in root.findall(NS + "salaries/" + NS + "reference"):
    if r.get("source") == "glassdoor":
        need(r.get("role") is None, "glassdoor: not an MLOps figure")
        need("ML engineer" in (r.get("job") or "") and
             "ML engineer" in (r.text or ""), "glassdoor: ML engineer")
for g in root.findall(NS + "growth/" + NS + "figure"):
    if g.get("id") == "fde-postings":
        need("nine times" in g.text and "eight times" not in g.text,
             "fde-postings: 800%+ is nine times or more")
facts = {f.get("id"): f for f in root.findall(NS + "growth/" + NS + "fact")}
for i in ("mlops-open-roles", "fde-ratio", "both-above-median"):
    need(i in facts and facts[i].get("source"), "fact %s with a source" % i)
text = open(sys.argv[1], encoding="utf-8").read()
need("bonus" not in text, "the article says equity, not bonus")
art = sys.argv[2]
if os.path.exists(art):
    a = open(art, encoding="utf-8").read().replace(",000", "K")
    def usd(v): return "$%dK" % (int(v) // 1000)
    for b in bands:
        if b.get("kind") != "published":
            continue
        lo, hi = int(b.get("min")), int(b.get("max") or 0)
        if b.get("currency") == "USD":
            figs = [usd(lo)] + ([usd(hi)] if hi else [])
        else:
            figs = ["\u20b9%d\u2013%d" % (lo // 100000, hi // 100000)]
        for f in figs:
            need(f in a, "%s %s %s: %s (published) is not in the article" %
                 (b.get("market"), b.get("role"), b.get("seniority"), f))
elif os.environ.get("CI") == "true":
    need(False, "article %s not found" % art)
else:
    print("t_data: article not found; published figures not checked")
for x in bad:
    print("FAIL: market data: " + x)
sys.exit(1 if bad else 0)
PYEOF

# A band without a kind must be rejected by the schema.
sed '0,/basis="total" kind="published"/s/ kind="published" / /' "$M" >"$tmp/nokind.xml"
if cmp -s "$M" "$tmp/nokind.xml"; then
	bad "could not make a copy of $M without a band kind"
elif xmllint --noout --schema schemas/market.xsd "$tmp/nokind.xml" \
    >/dev/null 2>&1; then
	bad "a market file with a band without kind validates"
fi

found=0
set --
for f in inputs/*.xml tests/stress/*.xml; do
	[ -f "$f" ] && set -- "$@" "$f"
done
# One xmllint run for all profiles; file by file only when it fails.
if [ $# -gt 0 ] && ! xmllint --noout --schema schemas/candidate.xsd "$@" \
    >/dev/null 2>&1; then
	for f in "$@"; do
		check schemas/candidate.xsd "$f"
	done
else
	n=$((n + $#))
fi
for f in "$@"; do
	found=$((found + 1))
	for d in $(xp "//*[$L='skill']/@dimension" "$f" |
	    sed 's/.*dimension="\([^"]*\)".*/\1/'); do
		case " $want" in
		*" $d "*) ;;
		*) bad "$f: unknown skill dimension '$d'" ;;
		esac
	done
	for s in $(xp "//*[$L='agree']/@statement" "$f" |
	    sed 's/.*statement="\([^"]*\)".*/\1/'); do
		case "$nl$stmts$nl" in	# no process per statement (117 of them)
		*"$nl$s$nl"*) ;;
		*) bad "$f: unknown statement '$s'" ;;
		esac
	done
done
[ "$found" -ge 19 ] ||
    bad "expected at least 14 inputs and 5 stress profiles, found $found"

for f in inputs/*.xml; do
	[ -f "$f" ] || continue
	want_id=$(basename "$f" .xml)
	got=$(xp "string(/*[$L='profile']/*[$L='identity']/@id)" "$f")
	[ "$got" = "$want_id" ] ||
	    bad "$f: identity id is '$got', the file name says '$want_id'"
	size=$(wc -c <"$f")
	[ "$size" -le 20480 ] || bad "$f is $size bytes (limit 20 KB)"
done

for f in max-lengths all-optional none-optional every-script forty-positions; do
	[ -f "tests/stress/$f.xml" ] || bad "tests/stress/$f.xml missing"
done

[ "$fail" = 0 ] && echo "t_data: $n files validate, checks pass"
exit "$fail"
