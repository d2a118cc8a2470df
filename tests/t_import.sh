#!/bin/sh
# t_import.sh: `reportgen import` turns the two JSON Resumes of
# tests/import/ into drafts that validate (no error, no warning) and
# render; what the resume gives is carried over (positions and dates,
# levels it states, keywords through the market's synonyms), what it
# cannot give is on stderr; bad input is refused with its line.
cd "$(dirname "$0")/.." || exit 1
RG=${RG:-build/reportgen}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rg-import.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
has() {		# has FILE PATTERN WHAT
	grep -q -e "$2" "$1" || fail "$3 (no '$2' in $(basename "$1"))"
}
hasnt() {
	grep -q -e "$2" "$1" && fail "$3 ('$2' in $(basename "$1"))"
}
D=2026-06-01

for n in priya-raman lucas-moreau; do
	"$RG" import --data-dir . --date $D -o "$tmp/$n.xml" \
	    tests/import/$n.json 2>"$tmp/$n.todo" ||
	    { fail "$n: import exit $?: $(cat "$tmp/$n.todo")"; continue; }
	"$RG" validate --data-dir . "$tmp/$n.xml" >/dev/null 2>"$tmp/$n.val" ||
	    fail "$n: the draft is invalid: $(cat "$tmp/$n.val")"
	grep -q ', 0 warnings' "$tmp/$n.val" || fail "$n: the draft warns: $(cat "$tmp/$n.val")"
	"$RG" render --data-dir . --date $D "$tmp/$n.xml" -o "$tmp/$n.pdf" \
	    2>"$tmp/$n.render" || fail "$n: no report: $(cat "$tmp/$n.render")"
	for what in preferences pay goals production-years; do
		has "$tmp/$n.todo" "^  - $what" "$n: stderr does not ask for $what"
	done
done

p=$tmp/priya-raman.xml
has $p '<identity id="priya-raman">' "priya: id from the name (ā -> a)"
has $p '<name>Priya Rāman</name>' "priya: name"
has $p '<market>IN</market>' "priya: market from countryCode"
has $p '<organisation>Kiran Analytics R&amp;D</organisation>' "priya: & escaped"
has $p '<start>2022-04</start>' "priya: start date"
has $p '<end>2022-03</end>' "priya: end date"
[ "$(grep -c '<position ' $p)" = 3 ] || fail "priya: not 3 positions"
has $p '<skill dimension="python_apis" level="5"' "priya: 'Master' -> 5"
has $p '<skill dimension="containers" level="4" years="4.2" projects="1" certifications="1"/>' \
    "priya: 'Advanced' -> 4, years of the positions naming Kubernetes, a project, the CKA"
has $p '<skill dimension="cloud" level="3"' "priya: the market's own term 'Working Knowledge' -> 3"
has $p '<skill dimension="pipelines" level=""' "priya: pipelines unrated, in a comment"
has $p '<keyword>Airflow</keyword>' "priya: keyword Airflow"
has $p '<keyword>Feast</keyword>' "priya: a project's keyword"
hasnt $p '<keyword>Carnatic music</keyword>' "priya: an unknown keyword kept"
has $p 'left out: Carnatic music' "priya: the unknown keyword not noted"
has $p '<current-title>Senior ML Engineer</current-title>' "priya: title of the current position"
has $p '<role-family>ml-engineering</role-family>' "priya: role family from the title"
has $p 'production-years="8.9"' "priya: 2017-08..2026-06 counted once"
hasnt "$tmp/priya-raman.todo" '^  - market' "priya: market asked though the resume says IN"

l=$tmp/lucas-moreau.xml
has $l '<identity id="lucas-moreau-lefevre">' "lucas: id"
has $l '<market>US</market>' "lucas: a market (so the draft validates)"
has "$tmp/lucas-moreau.todo" '^  - market' "lucas: market not asked for"
has "$tmp/lucas-moreau.todo" "Intern.*left out" "lucas: the undated position not reported"
has "$tmp/lucas-moreau.todo" '^  - email' "lucas: the bad email not reported"
hasnt $l '<email>' "lucas: a bad email kept"
has $l '<start>2021-01</start>' "lucas: a year alone -> January"
has $l '<skill dimension="cicd" level="3" years="3.0"/>' "lucas: a numeric level, years of the position naming GitHub Actions"
has $l '<skill dimension="customer" level=""' "lucas: customer unrated, in a comment"
has $l '<keyword>GitHub Actions</keyword>' "lucas: keyword"
has $l 'Django services &lt;100 ms' "lucas: < escaped"
has $l 'customer-facing="true"' "lucas: client work not seen as customer-facing"

# stdout, no overwrite, bad input
"$RG" import --data-dir . --date $D tests/import/lucas-moreau.json \
    >"$tmp/stdout.xml" 2>/dev/null || fail "import to stdout: exit $?"
cmp -s "$tmp/stdout.xml" $l || fail "stdout differs from -o"
"$RG" import --data-dir . --date $D -o $l tests/import/lucas-moreau.json \
    2>/dev/null; st=$?
[ $st = 73 ] || fail "an existing -o file: exit $st, expected 73"
printf '{"basics": {"name": "A"},\n "work": [1, }\n' >"$tmp/bad.json"
"$RG" import --data-dir . "$tmp/bad.json" >"$tmp/bad.out" 2>"$tmp/bad.err"; st=$?
[ $st = 65 ] || fail "bad JSON: exit $st, expected 65"
has "$tmp/bad.err" "bad.json:2: error: not JSON (column 14)" "bad JSON: no path:line"
[ -s "$tmp/bad.out" ] && fail "bad JSON: wrote a draft"
echo '[1, 2]' >"$tmp/list.json"
"$RG" import --data-dir . "$tmp/list.json" >/dev/null 2>&1; st=$?
[ $st = 65 ] || fail "a JSON list: exit $st, expected 65"
"$RG" import --data-dir . "$tmp/missing.json" >/dev/null 2>&1; st=$?
[ $st = 66 ] || fail "a missing file: exit $st, expected 66"
"$RG" import --data-dir . >/dev/null 2>&1; st=$?
[ $st = 64 ] || fail "no file: exit $st, expected 64"

[ $fails = 0 ] && echo "t_import: ok"
[ $fails = 0 ]
