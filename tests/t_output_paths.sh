#!/bin/sh
# t_output_paths.sh: where render writes, and reading standard input
# (issue 12).  `render -o -` writes the PDF to standard output; an -o
# that is a symbolic link (to a terminal, a pipe or a file, as
# /dev/stdout is), a FIFO, a directory or a device is refused (73) and
# left as it was, never renamed over; `validate -` and `score -` read
# one profile from standard input, named <stdin> in messages.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
RG=${RG:-build/reportgen}
case $RG in /*) ;; *) RG=$PWD/$RG ;; esac
D=$PWD
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_outp.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
bad() { echo "FAIL: $*"; fail=1; }
P=inputs/ananya-iyer.xml
render() { "$RG" render --data-dir . --date 2026-03-01 "$@"; }

# --- 1. -o - : the PDF on standard output, no file anywhere
mkdir -p "$tmp/cwd"
(cd "$tmp/cwd" && "$RG" render --data-dir "$D" --date 2026-03-01 \
    -o - "$D/$P" >"$tmp/so.pdf" 2>"$tmp/err") || bad "-o -: exit $?: $(cat "$tmp/err")"
head -c 5 "$tmp/so.pdf" | grep -q '%PDF-' || bad "-o -: no PDF on stdout"
[ -z "$(ls -A "$tmp/cwd")" ] || bad "-o -: wrote files: $(ls -A "$tmp/cwd")"
render -o "$tmp/file.pdf" "$P" 2>/dev/null
cmp -s "$tmp/so.pdf" "$tmp/file.pdf" || bad "-o - differs from -o FILE"
if have qpdf "qpdf --check of -o -"; then
	qpdf --check "$tmp/so.pdf" >/dev/null 2>&1 || bad "-o -: qpdf --check fails"
fi
echo "ok: -o - writes the PDF to standard output"

# --- 2. what is not a regular file at -o is refused and left alone
# A link like /dev/stdout (-> /proc/self/fd/1 -> the redirected file).
ln -s /proc/self/fd/1 "$tmp/stdout-link"
render -o "$tmp/stdout-link" "$P" >"$tmp/redirected" 2>"$tmp/err"; st=$?
[ $st = 73 ] || bad "link to stdout: exit $st, expected 73"
[ -L "$tmp/stdout-link" ] || bad "link to stdout: the link was replaced"
[ -s "$tmp/redirected" ] && bad "link to stdout: something written through it"
grep -q 'stdout-link: .*symbolic link' "$tmp/err" ||
    bad "link to stdout: message: $(cat "$tmp/err")"
mkfifo "$tmp/fifo"
render -o "$tmp/fifo" "$P" 2>"$tmp/err"; st=$?
[ $st = 73 ] || bad "FIFO: exit $st, expected 73"
[ -p "$tmp/fifo" ] || bad "FIFO: replaced"
grep -q 'fifo: .*is a FIFO, not a regular file' "$tmp/err" || bad "FIFO: message: $(cat "$tmp/err")"
ln -s /dev/null "$tmp/null-link"
render -o "$tmp/null-link" "$P" 2>"$tmp/err"; st=$?
[ $st = 73 ] || bad "link to /dev/null: exit $st"
[ -L "$tmp/null-link" ] || bad "link to /dev/null: replaced"
echo keep >"$tmp/target.pdf"
ln -s "$tmp/target.pdf" "$tmp/file-link.pdf"
render -o "$tmp/file-link.pdf" "$P" 2>"$tmp/err"; st=$?
[ $st = 73 ] || bad "link to a file: exit $st"
[ -L "$tmp/file-link.pdf" ] && [ "$(cat "$tmp/target.pdf")" = keep ] ||
    bad "link to a file: link or target changed"
mkdir "$tmp/dir.pdf"
render -o "$tmp/dir.pdf" "$P" 2>"$tmp/err"; st=$?
[ $st = 73 ] || bad "directory: exit $st"
[ -d "$tmp/dir.pdf" ] || bad "directory: replaced"
grep -q 'dir.pdf: .*is a directory' "$tmp/err" || bad "directory: message: $(cat "$tmp/err")"
# nothing left behind by any of them
[ -z "$(ls -A "$tmp" | grep rgtmp)" ] || bad "temp files left: $(ls -A "$tmp")"
# the default name (ID.pdf in the current directory) is checked too
mkfifo "$tmp/cwd/ananya-iyer.pdf"
(cd "$tmp/cwd" && "$RG" render --data-dir "$D" --date 2026-03-01 \
    "$D/$P" 2>/dev/null); st=$?
[ $st = 73 ] || bad "FIFO at the default name: exit $st"
[ -p "$tmp/cwd/ananya-iyer.pdf" ] || bad "FIFO at the default name: replaced"
echo "ok: links, FIFOs, devices and directories at -o are refused"

# --- 3. validate - and score - read standard input
"$RG" validate --data-dir . - <"$P" 2>"$tmp/err" || bad "validate -: exit $?"
grep -q 'validated 1 profile: 1 valid' "$tmp/err" || bad "validate -: $(cat "$tmp/err")"
"$RG" validate --data-dir . - <tests/bad/level-6.xml 2>"$tmp/err"; st=$?
[ $st = 65 ] || bad "validate - (invalid): exit $st"
grep -q '^<stdin>:[0-9]*: error:' "$tmp/err" || bad "validate -: path not <stdin>: $(cat "$tmp/err")"
"$RG" validate --data-dir . - inputs/arjun-mehta.xml <"$P" 2>"$tmp/err" ||
    bad "validate - FILE: exit $?"
grep -q 'validated 2 profiles: 2 valid' "$tmp/err" || bad "validate - FILE: $(cat "$tmp/err")"
"$RG" validate --data-dir . - - <"$P" 2>/dev/null; st=$?
[ $st = 64 ] || bad "validate - -: exit $st, expected 64"
"$RG" score --data-dir . --date 2026-03-01 --format json - <"$P" >"$tmp/s1" 2>"$tmp/err" ||
    bad "score -: exit $?: $(cat "$tmp/err")"
"$RG" score --data-dir . --date 2026-03-01 --format json "$P" >"$tmp/s2" 2>/dev/null
grep -q '"path":"<stdin>"' "$tmp/s1" || bad "score -: path is not <stdin>"
sed 's|"path":"<stdin>"|"path":"'"$P"'"|' "$tmp/s1" | cmp -s - "$tmp/s2" ||
    bad "score - differs from score FILE"
echo "ok: validate - and score - read standard input"
finish $fail
