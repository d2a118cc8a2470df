#!/bin/sh
# t_file_msgs.sh: messages keep the documented form (issue 12).  A problem
# at a place in an XML file reads path:line: severity: message; one with
# the file as a whole reads path: severity: message and is one of those
# README lists ("A problem with a file as a whole").  Checked over every
# file of tests/bad, a file too large, a gzip-compressed one, a missing
# one and a profile with a character the fonts lack, with validate and
# with batch.
cd "$(dirname "$0")/.." || exit 1
RG=${RG:-build/reportgen}
fail=0
bad() {
	echo "FAIL: $*"
	fail=1
}

. tests/lib.sh
need python3
scratch
IN=$tmp/in
mkdir -p "$IN"
cp tests/bad/*.xml "$IN/"
head -c 2000000 /dev/zero | tr '\0' ' ' >"$IN/too-large.xml"
gzip -c inputs/kavya-nair.xml >"$IN/gz.xml"
sed 's/<name>[^<]*</<name>Kavya \xe2\x98\x83 Nair</' inputs/kavya-nair.xml >"$IN/snowman.xml"

"$RG" validate "$IN"/*.xml "$IN/missing.xml" >/dev/null 2>"$tmp/v"
"$RG" batch --date 2026-03-01 -j 2 -o "$tmp/out" "$IN" 2>"$tmp/b"

# exact forms of the three named in the issue
grep -q "^$IN/too-large.xml: error: file is too large: 2000000 bytes" "$tmp/v" ||
	bad "too large: $(grep too-large "$tmp/v")"
grep -q "^$IN/gz.xml: error: file is gzip-compressed" "$tmp/v" ||
	bad "gzip: $(grep gz.xml "$tmp/v")"
grep -q "^$IN/missing.xml: error: cannot read" "$tmp/v" ||
	bad "missing: $(grep missing.xml "$tmp/v")"
grep -q "^$IN/snowman.xml: warning: character U+2603 .* is not in the report fonts" "$tmp/b" ||
	bad "missing glyph: $(grep snowman "$tmp/b")"

python3 - "$IN" "$tmp/v" "$tmp/b" <<'PY' || fail=1
import re, sys
indir, files = sys.argv[1], sys.argv[2:]
readme = open("README.md", encoding="utf-8").read()
m = re.search(r"A\s+problem\s+with\s+a\s+file\s+as\s+a\s+whole.*?\n\n((?:- [^\n]*\n)+)", readme, re.S)
if not m:
    print("FAIL: README has no list of the messages without a line")
    sys.exit(1)
stems = [re.match(r"- `([^`]*)`", l).group(1) for l in m.group(1).splitlines()]
ok = True
n_line = n_noline = 0
for f in files:
    for l in open(f, encoding="utf-8", errors="replace"):
        if not l.startswith(indir + "/"):
            continue
        rest = l[len(indir) + 1:]
        mm = re.match(r"[^:]*\.xml:(\d+): (error|warning|note): ", rest)
        if mm:
            n_line += 1
            continue
        mm = re.match(r"[^:]*\.xml: (error|warning|note): (.*)", rest)
        if not mm:
            continue    # info lines of the batch ("removed ..."), counts
        n_noline += 1
        if not any(mm.group(2).startswith(s) for s in stems):
            print("FAIL: no line and not listed in README: " + l.strip()[:160])
            ok = False
if n_line < 20 or n_noline < 4:
    print("FAIL: too few messages seen (%d with a line, %d without)" % (n_line, n_noline))
    ok = False
sys.exit(0 if ok else 1)
PY

[ $fail = 0 ] && echo "file messages: path:line, or path: and listed in README"
finish $fail
