#!/bin/sh
# Privacy: the batch's logs (text and --log-format json) carry no name,
# email or notes unless --verbose, even when a profile is rejected or
# warned about; the PDF's metadata (Info dictionary, XMP) holds no email
# and no notes; no temp file outlives a run, also after a SIGKILL (the
# next run cleans up), and nothing is left in $TMPDIR.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
need pdfinfo qpdf
RG=${RG:-build/reportgen}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rg-privacy.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
D=2026-06-01
NAME=Qzxname; MAIL=qzx.secret@example.org; NOTE=QZXNOTESECRET
mkdir -p "$tmp/in" "$tmp/tmpdir" "$tmp/log"
# a valid profile with a warning (unknown keyword), and an invalid one
# whose bad value sits next to the personal data
sed -e "s|<name[^>]*>[^<]*</name>|<name>Ana $NAME</name><email>$MAIL</email>|" \
    -e "s|</skills>|<keyword>zzunknowntool</keyword></skills>|" \
    -e "s|</profile>|<notes>$NOTE private</notes></profile>|" \
    inputs/jose-alvarez.xml >"$tmp/in/valid.xml"
"$RG" validate --data-dir . "$tmp/in/valid.xml" >/dev/null 2>&1 ||
    fail "the test profile is not valid"
sed -e "s|id=\"jose-alvarez\"|id=\"bad-one\"|" \
    -e "s|<name[^>]*>[^<]*</name>|<name>Ana $NAME</name><email>not-mail $MAIL</email>|" \
    -e "s|</profile>|<notes>$NOTE</notes></profile>|" \
    inputs/jose-alvarez.xml >"$tmp/in/invalid.xml"

leaks() {	# leaks FILE...: which personal data the files show
	grep -l -e "$NAME" -e "$MAIL" -e "$NOTE" "$@" 2>/dev/null
}
for fmt in text json; do
	TMPDIR=$tmp/tmpdir "$RG" batch --data-dir . -j 2 --date $D \
	    --log-format $fmt -o "$tmp/out-$fmt" "$tmp/in" \
	    >"$tmp/log/$fmt.out" 2>"$tmp/log/$fmt.err"; st=$?
	[ $st = 65 ] || fail "$fmt: exit $st, expected 65 (one invalid)"
	[ -s "$tmp/log/$fmt.err" ] || [ -s "$tmp/log/$fmt.out" ] ||
	    fail "$fmt: no log at all"
	if leaks "$tmp/log/$fmt.out" "$tmp/log/$fmt.err" >/dev/null; then
		fail "$fmt log shows personal data:"
		grep -h -e "$NAME" -e "$MAIL" -e "$NOTE" "$tmp/log/$fmt".* | head -3
	fi
done
# --verbose may show them (that is what it is for); it must still work
TMPDIR=$tmp/tmpdir "$RG" batch --data-dir . -j 1 --date $D --verbose \
    -o "$tmp/out-v" "$tmp/in" >/dev/null 2>"$tmp/log/v.err"
[ -e "$tmp/out-v/jose-alvarez.pdf" ] || fail "--verbose: no report"

# PDF metadata
pdf=$tmp/out-text/jose-alvarez.pdf
if [ -e "$pdf" ]; then
	pdfinfo "$pdf" >"$tmp/log/info" 2>&1
	pdfinfo -meta "$pdf" >>"$tmp/log/info" 2>&1
	qpdf --show-object=trailer "$pdf" >>"$tmp/log/info" 2>&1
	info=$(qpdf --show-object=trailer "$pdf" 2>/dev/null |
	    sed -n 's|.*/Info \([0-9]* [0-9]*\) R.*|\1|p' | tr ' ' ,)
	[ -n "$info" ] && qpdf --show-object="$info" "$pdf" >>"$tmp/log/info" 2>&1
	grep -e "$MAIL" -e "$NOTE" "$tmp/log/info" &&
	    fail "PDF metadata shows the email or notes"
	grep -q 'Title' "$tmp/log/info" || fail "pdfinfo read no metadata"
	# (the body may show the notes: "Coach's notes" is a section)
else
	fail "no report for the valid profile"
fi

# temp files: none after the runs above, none after a SIGKILL + next run
for d in "$tmp"/out-*; do
	ls -A "$d" | grep -q 'rgtmp' && fail "temp file left in $(basename "$d")"
done
mkdir -p "$tmp/many"
for i in 1 2 3 4 5 6 7 8; do
	for f in inputs/*.xml; do
		b=$(basename "$f" .xml)
		sed "s|id=\"$b\"|id=\"$b-$i\"|" "$f" >"$tmp/many/$i-$b.xml"
	done
done
TMPDIR=$tmp/tmpdir "$RG" batch --data-dir . -j 2 --date $D -q \
    -o "$tmp/kill" "$tmp/many" >/dev/null 2>&1 &
pid=$!
while [ -z "$(ls "$tmp/kill" 2>/dev/null | grep '\.pdf$')" ] &&
    kill -0 $pid 2>/dev/null; do :; done
kill -KILL $pid 2>/dev/null; wait $pid 2>/dev/null
sleep 0.3	# the orphaned workers notice the closed socket and exit
TMPDIR=$tmp/tmpdir "$RG" batch --data-dir . -j 2 --date $D -q \
    -o "$tmp/kill" "$tmp/many" >/dev/null 2>"$tmp/log/k.err"; st=$?
[ $st = 0 ] || { fail "run after SIGKILL: exit $st"; head -3 "$tmp/log/k.err"; }
ls -A "$tmp/kill" | grep 'rgtmp' && fail "temp files left after SIGKILL + next run"
n=$(ls "$tmp/kill" | grep -v '^index\.pdf$' | grep -c '\.pdf$')
[ "$n" = "$(ls "$tmp/many" | wc -l)" ] || fail "after SIGKILL + next run: $n reports"
[ -z "$(ls -A "$tmp/tmpdir")" ] || fail "files left in TMPDIR: $(ls -A "$tmp/tmpdir")"
echo "privacy: logs (text, json), metadata, temp files checked"
[ $fails = 0 ]
