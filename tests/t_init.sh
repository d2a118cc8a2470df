#!/bin/sh
# t_init.sh: `reportgen init` writes a template that
#  - is refused as it is, with one "is empty" message per placeholder,
#    each on a line that holds one (attribute="" or <x></x>);
#  - validates once the placeholders are filled (by sed, below), and
#    renders; the same for --minimal;
#  - goes to stdout with no -o or -o -, and never replaces a file.
cd "$(dirname "$0")/.." || exit 1
RG=${RG:-build/reportgen}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rg-init.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

fill() {	# the values a coach would write, one per placeholder
	sed -e 's|id=""|id="ana-lopez"|' \
	    -e 's|<name></name>|<name>Ana López</name>|' \
	    -e 's|<email></email>|<email>ana@example.com</email>|' \
	    -e 's|<country></country>|<country>IN</country>|' \
	    -e 's|<market></market>|<market>IN</market>|' \
	    -e 's|production-years=""|production-years="4.5"|' \
	    -e 's|<current-title></current-title>|<current-title>Backend Software Engineer</current-title>|' \
	    -e 's|<role-family></role-family>|<role-family>software</role-family>|' \
	    -e 's|<title></title>|<title>ML Engineer</title>|' \
	    -e 's|<organisation></organisation>|<organisation>R\&amp;D Labs</organisation>|' \
	    -e 's|<start></start>|<start>2021-04</start>|' \
	    -e 's|<end></end>|<end>2024-03</end>|' \
	    -e 's|<summary></summary>|<summary>Built the FastAPI services behind pricing on AWS.</summary>|' \
	    -e 's|level=""|level="3"|' \
	    -e 's|<keyword></keyword>|<keyword>kubernetes</keyword>|' \
	    -e 's|"></agree>|">4</agree>|' \
	    -e 's|target=""|target="undecided"|' \
	    -e 's|hours-per-week=""|hours-per-week="6"|' \
	    -e 's|amount=""|amount="1600000"|' \
	    -e 's|currency=""|currency="INR"|' \
	    -e 's|basis=""|basis="base"|' "$1"
}

for kind in full minimal; do
	opt=; [ $kind = minimal ] && opt=--minimal
	t=$tmp/$kind.xml
	"$RG" init $opt --data-dir . -o "$t" || { fail "$kind: init exit $?"; continue; }
	grep -q '<!-- ' "$t" || fail "$kind: no comments"
	# every element of the template has a comment above it (or is a
	# closing tag, or follows the comment of its group)
	holes=$(grep -c -e '=""' -e '></' "$t")
	[ "$holes" -gt 10 ] || fail "$kind: only $holes placeholders"
	"$RG" validate --data-dir . "$t" >/dev/null 2>"$tmp/$kind.err"
	st=$?
	[ $st = 65 ] || fail "$kind: the unfilled template: exit $st, expected 65"
	grep -q ': error: .* is empty; it must be ' "$tmp/$kind.err" ||
	    fail "$kind: no 'is empty' message"
	# each message points at a line that holds a placeholder
	grep ': error: ' "$tmp/$kind.err" | grep -v 'more messages not shown' |
	    sed 's/^[^:]*:\([0-9]*\): .*/\1/' | while read -r n; do
		sed -n "${n}p" "$t" | grep -q -e '=""' -e '></' ||
		    echo "line $n: $(sed -n "${n}p" "$t")"
	done >"$tmp/$kind.off"
	[ -s "$tmp/$kind.off" ] && fail "$kind: messages not at a placeholder: $(cat "$tmp/$kind.off")"
	grep -v ': error: .* is empty; it must be ' "$tmp/$kind.err" |
	    grep -v -e 'more messages not shown' -e '^validated ' >"$tmp/$kind.other"
	[ -s "$tmp/$kind.other" ] && fail "$kind: other messages: $(head -3 "$tmp/$kind.other")"

	fill "$t" >"$tmp/$kind-filled.xml"
	left=$(grep -c -e '=""' -e '></' "$tmp/$kind-filled.xml")
	[ "$left" = 0 ] || fail "$kind: $left placeholders the test did not fill"
	"$RG" validate --data-dir . "$tmp/$kind-filled.xml" 2>"$tmp/$kind-filled.err" ||
	    fail "$kind: the filled template is refused: $(cat "$tmp/$kind-filled.err")"
	"$RG" render --data-dir . --date 2026-06-01 "$tmp/$kind-filled.xml" \
	    -o "$tmp/$kind.pdf" 2>"$tmp/$kind-render.err" ||
	    fail "$kind: the filled template does not render: $(cat "$tmp/$kind-render.err")"
done
cmp -s "$tmp/full.xml" "$tmp/minimal.xml" && fail "--minimal changes nothing"
[ "$(wc -l <"$tmp/minimal.xml")" -lt "$(wc -l <"$tmp/full.xml")" ] ||
    fail "--minimal is not shorter"

# stdout, and never a replaced file
"$RG" init --data-dir . >"$tmp/stdout.xml" || fail "init to stdout: exit $?"
"$RG" init --data-dir . -o - >"$tmp/dash.xml" || fail "init -o -: exit $?"
cmp -s "$tmp/stdout.xml" "$tmp/full.xml" || fail "stdout differs from -o FILE"
cmp -s "$tmp/dash.xml" "$tmp/full.xml" || fail "-o - differs from -o FILE"
echo keep >"$tmp/exists.xml"
"$RG" init --data-dir . -o "$tmp/exists.xml" 2>"$tmp/exists.err"; st=$?
[ $st = 73 ] || fail "an existing -o file: exit $st, expected 73"
[ "$(cat "$tmp/exists.xml")" = keep ] || fail "an existing -o file was replaced"
grep -q 'not replaced' "$tmp/exists.err" || fail "no 'not replaced' message"
"$RG" init --data-dir . extra >/dev/null 2>&1; st=$?
[ $st = 64 ] || fail "an operand: exit $st, expected 64"

[ $fails = 0 ] && echo "t_init: ok"
[ $fails = 0 ]
