#!/bin/sh
# `reportgen validate`: the command line, exit statuses, what a directory
# walk skips, and that a hostile file leaks nothing and opens nothing.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
RG=${RG:-build/reportgen}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rg-validate.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
rg() { "$RG" validate --data-dir . "$@" >"$tmp/out" 2>"$tmp/err"; }

rg inputs; st=$?
[ $st = 0 ] || { fail "validate inputs: exit $st"; cat "$tmp/err"; }
grep -q '^validated [0-9]* profiles: [0-9]* valid, 0 invalid' "$tmp/err" ||
    fail "validate inputs: no summary line"

"$RG" validate --help >"$tmp/out" 2>"$tmp/err"; st=$?
[ $st = 0 ] || fail "--help: exit $st"
grep -q '^usage: reportgen validate' "$tmp/out" || fail "--help: not on stdout"
[ -s "$tmp/err" ] && fail "--help: wrote to stderr"

"$RG" validate >"$tmp/out" 2>"$tmp/err"; st=$?
[ $st = 64 ] || fail "no arguments: exit $st, expected 64"
grep -q '^usage:' "$tmp/err" || fail "no arguments: no usage on stderr"

"$RG" validate --no-such-option x >"$tmp/out" 2>&1; st=$?
[ $st = 64 ] || fail "unknown option: exit $st, expected 64"

rg "$tmp/missing.xml"; st=$?
[ $st = 66 ] || fail "missing file: exit $st, expected 66"
grep -q "missing.xml: error: cannot read: No such file" "$tmp/err" ||
    fail "missing file: message"

# A missing file among good ones still gives 66, and the rest are checked.
rg inputs/jose-alvarez.xml "$tmp/missing.xml" tests/bad/level-6.xml; st=$?
[ $st = 66 ] || fail "missing + invalid: exit $st, expected 66"
grep -q "level-6.xml:21: error" "$tmp/err" || fail "missing + invalid: rest not checked"

rg tests/bad/level-6.xml inputs/jose-alvarez.xml; st=$?
[ $st = 65 ] || fail "one invalid: exit $st, expected 65"
grep -q '^validated 2 profiles: 1 valid, 1 invalid, 0 warnings$' "$tmp/err" ||
    fail "one invalid: summary: $(tail -n 1 "$tmp/err")"

# A directory with things that are not profiles.
d=$tmp/dir
mkdir -p "$d/sub" "$d/x.xml"
cp inputs/jose-alvarez.xml "$d/a.xml"
cp inputs/jose-alvarez.xml "$d/sub/b.xml"
echo "not a profile" >"$d/README"
mkfifo "$d/fifo.xml"
ln -s /etc/passwd "$d/link.xml"
rg "$d"; st=$?
[ $st = 0 ] || { fail "walk: exit $st"; cat "$tmp/err"; }
grep -q "fifo.xml: warning: skipped: not a regular file (a FIFO)" "$tmp/err" ||
    fail "walk: FIFO not reported"
grep -q "link.xml: warning: skipped: symbolic link" "$tmp/err" ||
    fail "walk: symlink not reported"
grep -q "x.xml: warning: skipped: a directory" "$tmp/err" ||
    fail "walk: directory x.xml not reported"
grep -q '^validated 2 profiles: 2 valid' "$tmp/err" ||
    fail "walk: $(tail -n 1 "$tmp/err")"
grep -q README "$tmp/err" && fail "walk: README reported"

# A FIFO named directly must not block (the open is non-blocking).
rg "$d/fifo.xml"; st=$?
[ $st = 66 ] || fail "FIFO argument: exit $st, expected 66"

# --quiet prints errors only.
"$RG" validate --data-dir . --quiet tests/bad/unknown-keyword.xml \
    >"$tmp/out" 2>"$tmp/err"; st=$?
[ $st = 0 ] || fail "--quiet: exit $st"
[ -s "$tmp/err" ] && fail "--quiet: printed $(cat "$tmp/err")"

# An unreadable market file is status 66; a broken one 70.
rg --market "$tmp/nope.xml" inputs; st=$?
[ $st = 66 ] || fail "missing market: exit $st, expected 66"
sed 's/weight="[0-9.]*"/weight="0"/g' data/market.xml >"$tmp/market.xml"
rg --market "$tmp/market.xml" inputs; st=$?
[ $st = 70 ] || fail "zero-weight market: exit $st, expected 70"
grep -q "market.xml:[0-9]*: error: the dimension weights for role 'fde' sum to 0" \
    "$tmp/err" || fail "zero-weight market: message"

# The XXE file: nothing from /etc/passwd appears anywhere.
rg tests/bad/xxe-file-entity.xml; st=$?
[ $st = 65 ] || fail "xxe: exit $st"
grep -q 'root:' "$tmp/out" "$tmp/err" && fail "xxe: /etc/passwd leaked"

# And it opens nothing but the profile, the schemas and the market data.
if have strace "open check (strace)" &&
    { strace -f -qq -e trace=open,openat -o "$tmp/trace" true 2>/dev/null ||
      cannot "open check (strace)" "strace cannot trace here (ptrace refused?)"; }; then
	for f in xxe-file-entity xxe-http-entity external-dtd parameter-entity \
	    schema-location-elsewhere xinclude xml-stylesheet; do
		strace -f -qq -e trace=open,openat,connect,socket \
		    -o "$tmp/trace" "$RG" validate --data-dir . \
		    "tests/bad/$f.xml" >/dev/null 2>&1
		grep -v -e '\.so' -e '/etc/ld.so' -e '/proc/' -e '/sys/' \
		    -e '/usr/lib/locale' -e '/usr/share/locale' \
		    -e '/usr/lib/x86_64-linux-gnu/gconv' \
		    -e '+++ exited' "$tmp/trace" |
		    grep -v -e '"\./schemas/candidate\.xsd"' \
		    -e '"\./schemas/market\.xsd"' -e '"\./data/market\.xml"' \
		    -e "\"tests/bad/$f\.xml\"" >"$tmp/extra"
		[ -s "$tmp/extra" ] && { fail "strace $f: opened more:"; cat "$tmp/extra"; }
		grep -q "tests/bad/$f.xml" "$tmp/trace" || fail "strace $f: did not see the profile open"
	done
fi

[ $fails = 0 ] && echo "t_validate: ok"
finish $fails
