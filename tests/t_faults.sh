#!/bin/sh
# Disk and file-system faults for `reportgen batch`:
#  - disk full (a 200 KiB tmpfs; root only): exit 74, every file at a
#    final name is a complete PDF (qpdf --check), no temp file, and the
#    messages name each report not written;
#  - read-only output dir (a tmpfs mounted ro; root bypasses mode bits)
#    and an output dir whose parent is missing: exit 73 before any work;
#  - a symlink planted at an output name never redirects the write (the
#    victim is unchanged); the temp file is opened O_CREAT|O_EXCL|
#    O_NOFOLLOW (checked with strace), so a link at the temp name is
#    never followed either;
#  - outputs, summary and state.db are 0600 under umask 000, and --mode
#    widens them;
#  - inputs that vanish, turn to garbage or into a FIFO mid-run cost only
#    themselves.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
need qpdf
RG=${RG:-build/reportgen}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rg-faults.XXXXXX") || exit 1
mounts=""
cleanup() {
	for m in $mounts; do umount "$m" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
D=2026-06-01
mkdir -p "$tmp/in" "$tmp/log"
cp inputs/*.xml "$tmp/in/"
nin=$(ls "$tmp/in" | wc -l)
batch() { "$RG" batch --data-dir . -j 2 --date $D "$@"; }

# --- disk full
if [ "$(id -u)" = 0 ] && mkdir -p "$tmp/full" &&
    mount -t tmpfs -o size=200k tmpfs "$tmp/full" 2>/dev/null; then
	mounts="$mounts $tmp/full"
	batch -o "$tmp/full/out" "$tmp/in" >"$tmp/log/o" 2>"$tmp/log/e"; st=$?
	[ $st = 74 ] || fail "disk full: exit $st, expected 74"
	nok=0
	for f in "$tmp/full/out"/*.pdf; do
		[ -e "$f" ] || continue
		qpdf --check "$f" >/dev/null 2>&1 && nok=$((nok + 1)) ||
		    fail "disk full: $(basename "$f") is not a complete PDF"
	done
	ls -A "$tmp/full/out" | grep -q 'rgtmp' && fail "disk full: temp file left"
	nfail=$(grep -c 'not written' "$tmp/log/e")
	[ $((nok + nfail)) -ge "$nin" ] ||
	    fail "disk full: $nok written + $nfail named as not written < $nin"
	[ "$nfail" -gt 0 ] || fail "disk full: no 'not written' message"
	# each failed one is named: its profile path and its report name
	for f in $(grep 'not written' "$tmp/log/e" | sed 's|.*/\([^/]*\)\.pdf not written|\1|'); do
		[ -e "$tmp/full/out/$f.pdf" ] && fail "disk full: $f.pdf named as not written but present"
	done
	echo "disk full: $nok complete PDFs, $nfail named as not written, exit $st"
	umount "$tmp/full"; mounts=""
else
	cannot "disk full" "not root or the tmpfs mount failed"
fi

# --- read-only output dir, missing parent: 73 before any work
if [ "$(id -u)" = 0 ] && mkdir -p "$tmp/ro" &&
    mount -t tmpfs -o size=64k,ro tmpfs "$tmp/ro" 2>/dev/null; then
	mounts="$mounts $tmp/ro"
	for o in "$tmp/ro" "$tmp/ro/sub"; do
		batch -o "$o" "$tmp/in" >"$tmp/log/o" 2>"$tmp/log/e"; st=$?
		[ $st = 73 ] || fail "read-only $o: exit $st, expected 73"
		grep -q '\.xml' "$tmp/log/e" && fail "read-only $o: profiles were processed"
	done
	umount "$tmp/ro"; mounts=""
else
	cannot "read-only output dir" "not root or the tmpfs mount failed"
fi
batch -o "$tmp/no/such/parent/out" "$tmp/in" >"$tmp/log/o" 2>"$tmp/log/e"; st=$?
[ $st = 73 ] || fail "missing parent: exit $st, expected 73 (the batch made $(cd "$tmp" && find no -type d 2>/dev/null | tr '\n' ' '))"
grep -q '\.xml' "$tmp/log/e" && [ $st = 73 ] && fail "missing parent: profiles were processed"
rm -rf "$tmp/no"

# --- symlink at the output name
mkdir -p "$tmp/sym"
echo "victim" >"$tmp/victim"
ln -s "$tmp/victim" "$tmp/sym/jose-alvarez.pdf"
batch -o "$tmp/sym" "$tmp/in" >"$tmp/log/o" 2>"$tmp/log/e"; st=$?
[ "$(cat "$tmp/victim")" = victim ] || fail "symlink: the victim file was written"
[ -L "$tmp/sym/jose-alvarez.pdf" ] && fail "symlink: still a link (not replaced)"
[ -f "$tmp/sym/jose-alvarez.pdf" ] && head -c 5 "$tmp/sym/jose-alvarez.pdf" |
    grep -q '%PDF-' || fail "symlink: no report at the name"
# the temp names: O_EXCL and O_NOFOLLOW on every create (the lock and
# the run state, state.db with its -wal, -shm and -journal, are opened
# in place: O_NOFOLLOW, never O_EXCL)
if have strace "temp-name check (strace)"; then
	rm -rf "$tmp/st"
	strace -f -e trace=openat -o "$tmp/log/strace" "$RG" batch --data-dir . \
	    -j 1 --date $D -o "$tmp/st" "$tmp/in/jose-alvarez.xml" >/dev/null 2>&1
	n=$(grep -c 'O_CREAT' "$tmp/log/strace")
	bad=$(grep 'O_CREAT' "$tmp/log/strace" | grep -v 'O_EXCL' |
	    grep -v -e '\.lock"' -e '/state\.db[-a-z]*"' | grep -c . )
	nf=$(grep 'O_CREAT' "$tmp/log/strace" | grep -vc 'O_NOFOLLOW')
	[ "$n" -gt 0 ] || fail "strace: no file created?"
	[ "$bad" = 0 ] || { fail "strace: $bad create(s) without O_EXCL:";
	    grep 'O_CREAT' "$tmp/log/strace" | grep -v O_EXCL | head -3; }
	[ "$nf" = 0 ] || { fail "strace: $nf create(s) without O_NOFOLLOW:";
	    grep 'O_CREAT' "$tmp/log/strace" | grep -v O_NOFOLLOW | head -3; }
	grep 'O_CREAT' "$tmp/log/strace" | grep '\.lock"' | grep -q O_NOFOLLOW ||
	    fail "strace: the lock file is opened without O_NOFOLLOW"
	grep 'O_CREAT' "$tmp/log/strace" | grep -q '/state\.db"' ||
	    fail "strace: state.db not made"
fi

# --- modes under umask 000, and --mode
(umask 000; batch -o "$tmp/m1" "$tmp/in" >/dev/null 2>&1)
for f in "$tmp/m1"/*.pdf "$tmp/m1/summary.csv" "$tmp/m1/state.db"; do
	[ -e "$f" ] || { fail "mode: $(basename "$f") missing"; continue; }
	m=$(stat -c %a "$f")
	[ "$m" = 600 ] || fail "umask 000: $(basename "$f") is $m, expected 600"
done
(umask 000; batch --mode 0640 -o "$tmp/m2" "$tmp/in/jose-alvarez.xml" >/dev/null 2>&1)
m=$(stat -c %a "$tmp/m2/jose-alvarez.pdf" 2>/dev/null)
[ "$m" = 640 ] || fail "--mode 0640: report is ${m:-missing}"

# --- inputs that vanish, change or turn into a FIFO mid-run
mkdir -p "$tmp/many"
for i in 1 2 3 4 5 6; do
	for f in inputs/*.xml; do
		b=$(basename "$f" .xml)
		sed "s|id=\"$b\"|id=\"$b-$i\"|" "$f" >"$tmp/many/$i-$b.xml"
	done
done
total=$(ls "$tmp/many" | wc -l)
victims=$(ls "$tmp/many" | sort | tail -n 3)
set -- $victims
(
	while [ -z "$(ls "$tmp/vout" 2>/dev/null | grep '\.pdf$')" ]; do :; done
	rm -f "$tmp/many/$1"
	printf '<profile' >"$tmp/many/$2.new" && mv "$tmp/many/$2.new" "$tmp/many/$2"
	rm -f "$tmp/many/$3" && mkfifo "$tmp/many/$3"
	touch "$tmp/log/mutated"
) &
mut=$!
timeout 60 "$RG" batch --data-dir . -j 1 --date $D -o "$tmp/vout" "$tmp/many" \
    >"$tmp/log/o" 2>"$tmp/log/e"; st=$?
kill $mut 2>/dev/null; wait $mut 2>/dev/null
[ $st -lt 124 ] || fail "vanishing inputs: exit $st (timeout or signal)"
if [ -f "$tmp/log/mutated" ]; then
	got=$(ls "$tmp/vout" | grep -c '\.pdf$')
	# every other profile has its report; the victims do not, unless the
	# batch got to them before they changed
	[ "$got" -ge $((total - 3)) ] ||
	    fail "vanishing inputs: $got reports for $((total - 3)) untouched profiles"
	for v in $victims; do
		id=$(echo "$v" | sed 's/^\([0-9]\)-\(.*\)\.xml$/\2-\1/')
		if [ -e "$tmp/vout/$id.pdf" ]; then continue; fi
		grep -q "$v" "$tmp/log/e" || fail "vanishing inputs: nothing says what became of $v"
	done
	[ $st = 0 ] || [ $st = 65 ] || [ $st = 66 ] ||
	    fail "vanishing inputs: exit $st, expected 65 or 66"
	echo "vanishing inputs: $got of $total reports, exit $st"
else
	cannot "vanishing inputs" "the batch finished before the inputs changed"
fi
finish $fails
