#!/bin/sh
# t_hostile_names.sh: a file name cannot forge a log line or drive the
# terminal (issue 12): names holding ESC [, a newline, CR, a C1 CSI and
# U+202E (right-to-left override) reach stderr escaped (\x1b, \x0a,
# \u009b, \u202e), in text and in JSON, from the loader's messages, the
# batch's own and the --verbose lines alike.
RG=${RG:-build/reportgen}
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_hostile_names.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

bad() {
	echo "FAIL: $*"
	fail=1
}

IN=$tmp/in
mkdir -p "$IN"
esc=$(printf '\033')
nl='
'
rlo=$(printf '\342\200\256')
csi=$(printf '\302\233')
# an invalid profile (a loader message) and a valid one (a --verbose line)
printf 'not xml' >"$IN/a${esc}[2J${nl}fake.xml: ok${rlo}lmx.xml"
cp inputs/kavya-nair.xml "$IN/b${csi}31m${esc}]0;title$(printf '\007').xml"

for fmt in text json; do
	"$RG" batch -v --log-format $fmt --date 2026-03-01 -j 1 \
	    -o "$tmp/out-$fmt" "$IN" 2>"$tmp/err-$fmt"
	if LC_ALL=C grep -q "$esc" "$tmp/err-$fmt"; then
		bad "$fmt: a raw ESC reached stderr"
	fi
	if grep -q "$rlo" "$tmp/err-$fmt"; then
		bad "$fmt: a raw U+202E reached stderr"
	fi
	if grep -q "$csi" "$tmp/err-$fmt"; then
		bad "$fmt: a raw C1 CSI reached stderr"
	fi
	# in JSON the backslash of an escape is itself escaped
	b='\\'
	[ $fmt = json ] && b='\\\\'
	grep -q "a${b}x1b\\[2J${b}x0afake.xml: ok${b}u202elmx.xml" "$tmp/err-$fmt" ||
	    bad "$fmt: the invalid profile's name is not shown escaped"
	grep -q "b${b}u009b31m${b}x1b\\]0;title${b}x07.xml" "$tmp/err-$fmt" ||
	    bad "$fmt: the valid profile's name is not shown escaped"
	# no line starts with the forged "fake.xml: ok"
	grep -q '^fake.xml' "$tmp/err-$fmt" && bad "$fmt: a forged line"
done
[ $fail = 0 ] || { cat "$tmp/err-text"; }
[ $fail = 0 ] && echo "hostile names: ESC, newline, C1, U+202E escaped in text and JSON"
exit $fail
