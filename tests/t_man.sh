#!/bin/sh
# t_man.sh: reportgen.1 is clean and matches the binary.
#  - `mandoc -Tlint -W warning` and `man --warnings -l` (groff) report
#    nothing;
#  - every command listed by `reportgen --help` has its own subsection
#    (.Ss NAME) and is in the SYNOPSIS, and every subsection but the last
#    one names a command;
#  - under each command, the long options of `reportgen CMD --help` and
#    those the page documents (Fl \-name) are the same set, so a new
#    option cannot go undocumented and a removed one cannot linger.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
RG=${RG:-build/reportgen}
MAN=reportgen.1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rgman.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0
bad() { echo "FAIL: $*"; status=1; }

[ -f "$MAN" ] || { echo "FAIL: no $MAN"; exit 1; }

# -- lint
if have mandoc "mandoc -Tlint"; then
	mandoc -Tlint -W warning "$MAN" >"$tmp/lint" 2>&1
	[ -s "$tmp/lint" ] && { cat "$tmp/lint"; bad "mandoc -Tlint warns"; }
	echo "ok: mandoc -Tlint -W warning is silent"
fi
if have man "man --warnings (groff)"; then
	MANWIDTH=80 man --warnings -l "$MAN" >/dev/null 2>"$tmp/groff"
	[ -s "$tmp/groff" ] && { cat "$tmp/groff"; bad "man --warnings -l warns"; }
	echo "ok: man --warnings -l is silent"
fi

# Long options in some text: --name, sorted, unique.
longopts() { grep -o -- '--[a-z][a-z0-9-]*' | sort -u; }
# The mdoc source of subsection $1 (name as written in the page).
section() {
	awk -v want=".Ss $1" '
	    $0 == want { on = 1; next }
	    /^\.S[sh] / { on = 0 }
	    on' "$MAN"
}
# Options documented in mdoc text: "Fl \-data\-dir" -> --data-dir.
documented() {
	grep -o 'Fl \\-[a-z0-9\\-]*' | sed 's/^Fl //; s/\\-/-/g; s/^/-/' |
	    sort -u
}

"$RG" --help >"$tmp/help" 2>&1 || bad "reportgen --help failed"
cmds=$(awk '/^commands:/ { on = 1; next } on && NF == 0 { exit }
    on { print $1 }' "$tmp/help")
[ -n "$cmds" ] || bad "no commands found in reportgen --help"

for c in $cmds; do
	esc=$(printf '%s' "$c" | sed 's/-/\\\\-/g')
	grep -q "^\\.Cm $esc\$" "$MAN" || bad "$c is not in the SYNOPSIS"
	section "$esc" >"$tmp/sec"
	if [ ! -s "$tmp/sec" ]; then
		bad "no '.Ss $esc' for the command $c"
		continue
	fi
	"$RG" "$c" --help >"$tmp/chelp" 2>&1 || bad "reportgen $c --help failed"
	# --help itself is accepted by every command (it just succeeded),
	# whether or not its text lists it.
	{ longopts <"$tmp/chelp"; echo --help; } | sort -u >"$tmp/h"
	documented <"$tmp/sec" >"$tmp/m"
	missing=$(comm -23 "$tmp/h" "$tmp/m")
	extra=$(comm -13 "$tmp/h" "$tmp/m")
	[ -z "$missing" ] || bad "$c: in --help but not in $MAN:" $missing
	[ -z "$extra" ] || bad "$c: in $MAN but not in --help:" $extra
	[ -z "$missing$extra" ] && echo "ok: $c: $(wc -l <"$tmp/h") long options match"
done

# Every subsection but the last ("Options of reportgen itself") is a
# command that exists.
grep '^\.Ss ' "$MAN" | sed 's/^\.Ss //; s/\\-/-/g' | sed '$d' >"$tmp/ss"
while read -r s; do
	printf '%s\n' $cmds | grep -qx "$s" || bad "'.Ss $s' is not a command"
done <"$tmp/ss"
section 'Options of reportgen itself' | documented >"$tmp/m"
for o in --help --version; do
	grep -qx -- "$o" "$tmp/m" || bad "reportgen $o is not documented"
done
"$RG" --version >/dev/null 2>&1 || bad "reportgen --version failed"

# The exit statuses the main --help names are all documented.
for s in $(grep -o '[0-9][0-9]* [a-z]' "$tmp/help" | cut -d' ' -f1); do
	grep -q "^\\.It $s\$" "$MAN" || bad "exit status $s is not documented"
done

[ $status = 0 ] && echo "man page matches the binary"
finish $status
