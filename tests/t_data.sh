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
