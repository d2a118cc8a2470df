#!/bin/sh
# t_render_password.sh: one report, one password (issue 13).
#  - render --password-file accepts a file holding the password alone
#    (comments and blank lines allowed); the report opens with it only;
#  - batch still wants ID<TAB>PASSWORD lines (one password for a whole
#    group would be a mistake);
#  - --ask-password reads it twice from the terminal without echo (run
#    in a pseudo-terminal); without a terminal it is status 66; typed
#    differently three times, 66 and no report.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
need pdfinfo python3
RG=${RG:-build/reportgen}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rg-rpw.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
P=inputs/ananya-iyer.xml
D="--data-dir . --date 2026-06-01"

printf '# the password of this one report\n\nOrchid Lantern 19\n' >"$tmp/one.pw"
chmod 600 "$tmp/one.pw"
"$RG" render $D --encrypt --password-file "$tmp/one.pw" -o "$tmp/one.pdf" $P \
    2>"$tmp/one.err" || fail "a one-password file: exit $?: $(cat "$tmp/one.err")"
pdfinfo -upw 'Orchid Lantern 19' "$tmp/one.pdf" >/dev/null 2>&1 ||
    fail "the report does not open with the file's password"
pdfinfo "$tmp/one.pdf" >/dev/null 2>&1 && fail "the report opens without a password"
grep -q Orchid "$tmp/one.err" && fail "the password is in the messages"

# the id<TAB>password form still works for render
printf 'ananya-iyer\tOrchid Lantern 19\n' >"$tmp/tab.pw"; chmod 600 "$tmp/tab.pw"
"$RG" render $D --encrypt --password-file "$tmp/tab.pw" -o "$tmp/tab.pdf" $P \
    2>/dev/null || fail "id<TAB>password: exit $?"
pdfinfo -upw 'Orchid Lantern 19' "$tmp/tab.pdf" >/dev/null 2>&1 ||
    fail "id<TAB>password: the report does not open"
# another id only: no entry for this one
printf 'someone-else\tOrchid Lantern 19\n' >"$tmp/other.pw"; chmod 600 "$tmp/other.pw"
"$RG" render $D --encrypt --password-file "$tmp/other.pw" -o "$tmp/other.pdf" $P \
    2>/dev/null; st=$?
[ $st = 65 ] || fail "no entry for the id: exit $st, expected 65"
# the file checks hold for the one-password form too
chmod 644 "$tmp/one.pw"
"$RG" render $D --encrypt --password-file "$tmp/one.pw" -o "$tmp/open.pdf" $P \
    2>/dev/null; st=$?
[ $st = 65 ] || fail "a one-password file readable by others: exit $st, expected 65"
chmod 600 "$tmp/one.pw"
# batch: lines only
mkdir "$tmp/in"; cp $P "$tmp/in/"
"$RG" batch $D -j 1 --encrypt --password-file "$tmp/one.pw" -o "$tmp/out" \
    "$tmp/in" >/dev/null 2>"$tmp/batch.err"; st=$?
[ $st = 65 ] || fail "batch with a one-password file: exit $st, expected 65"
grep -q 'expected ID<TAB>PASSWORD' "$tmp/batch.err" ||
    fail "batch: no 'expected ID<TAB>PASSWORD'"
"$RG" render $D --encrypt --password-file "$tmp/one.pw" --ask-password \
    -o "$tmp/x.pdf" $P 2>/dev/null; st=$?
[ $st = 64 ] || fail "--password-file with --ask-password: exit $st, expected 64"
"$RG" render $D --ask-password -o "$tmp/x.pdf" $P 2>/dev/null; st=$?
[ $st = 64 ] || fail "--ask-password without --encrypt: exit $st, expected 64"

# --ask-password in a pseudo-terminal
ask() {		# ask OUT.pdf FIRST SECOND...: what the terminal showed
	python3 - "$RG" "$1" "$P" "$@" <<'PY'
import os, pty, sys, select, time
rg, out, prof = sys.argv[1], sys.argv[2], sys.argv[3]
answers = sys.argv[5:]
pid, fd = pty.fork()
if pid == 0:
    os.execv(rg, [rg, 'render', '--data-dir', '.', '--date', '2026-06-01',
                  '--encrypt', '--ask-password', '-o', out, prof])
seen = b''
deadline = time.time() + 30
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 1)
    if not r:
        continue
    try:
        chunk = os.read(fd, 1024)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
    if seen.rstrip().endswith(b':') and answers:
        time.sleep(0.1)
        os.write(fd, answers.pop(0).encode() + b'\n')
_, st = os.waitpid(pid, 0)
sys.stdout.write(seen.decode('utf-8', 'replace'))
sys.exit(os.waitstatus_to_exitcode(st))
PY
}
ask "$tmp/ask.pdf" 'Velvet Comet 8' 'Velvet Comet 8' >"$tmp/tty1"; st=$?
[ $st = 0 ] || fail "--ask-password: exit $st: $(cat "$tmp/tty1")"
grep -q 'Password for the report' "$tmp/tty1" || fail "--ask-password: no prompt"
grep -q 'Velvet' "$tmp/tty1" && fail "--ask-password: the password was echoed"
pdfinfo -upw 'Velvet Comet 8' "$tmp/ask.pdf" >/dev/null 2>&1 ||
    fail "--ask-password: the report does not open with the typed password"
ask "$tmp/ask2.pdf" a1 b1 a2 b2 a3 b3 >"$tmp/tty2"; st=$?
[ $st = 66 ] || fail "--ask-password typed differently 3 times: exit $st, expected 66"
grep -q 'differ' "$tmp/tty2" || fail "--ask-password: no 'differ'"
[ -e "$tmp/ask2.pdf" ] && fail "--ask-password: a report without a password"
if have setsid "setsid (no controlling terminal)"; then
	setsid "$RG" render $D --encrypt --ask-password -o "$tmp/ask3.pdf" $P \
	    </dev/null >/dev/null 2>"$tmp/notty.err"; st=$?
	[ $st = 66 ] || fail "--ask-password without a terminal: exit $st, expected 66"
	grep -q 'no terminal' "$tmp/notty.err" || fail "no 'no terminal' message"
fi
[ $fails = 0 ] && echo "t_render_password: ok"
finish $fails
