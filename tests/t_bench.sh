#!/bin/sh
# t_bench.sh: `make bench`'s harness runs and prints every figure of
# issue 17 as a number, with its target and a met column; BASE= gives
# both columns and the ratio.  BENCH_QUICK=1 (50 profiles, 2 rounds) and
# callgrind over 5 profiles keep it short.  No timing value is asserted:
# timings never gate tests, only the shape of the table does.
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
RG=${RG:-build/reportgen}
case $RG in /*) ;; *) RG=$PWD/$RG ;; esac
if ldd "$RG" 2>/dev/null | grep -q libasan ||
    nm "$RG" 2>/dev/null | grep -q __asan_init; then
	not_here "$RG is an ASan build (valgrind cannot run it; the plain pass runs this)"
fi
need python3
scratch
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# The rows: label (the start of the figure cell) TAB target cell.
cat >"$tmp/rows" <<'EOF'
ms per report, 1 worker, end to end	<= 2.0
ms per page, 1 worker	-
ms per report, all WORKERS workers, end to end	-
all workers vs one	>= 1.85
machine ceiling: 1-worker wall / wall of one 1-worker batch per CPU	-
scaling as % of the ceiling	-
per report, worker clock, 1 worker: median ms	-
per report, worker clock, 1 worker: p95 ms	-
per report, worker clock, all workers: median ms	-
per report, worker clock, all workers: p95 ms	-
PDF size per report, kB: median	<= 40
pages per report: median	-
PDF size per page, kB	-
peak RSS per worker, MB, 1-worker batch	<= 32
peak RSS per worker, MB, all-worker batch	<= 32
peak RSS per worker, MB, sampled	<= 32
peak RSS of the parent, MB, 1-worker batch	-
peak RSS of the parent, MB, all-worker batch	-
idle incremental rerun, s	-
idle rerun, % of the cold all-worker run	<= 3 (issue 12)
one `render` process, ms	<= 10
EOF
split=0
if have valgrind "the instruction rows (callgrind)"; then
	split=1
	for s in load/validate score layout serialise/compress write/hash \
	    "outside the stages" "worker in all"; do
		printf 'instructions per report (M), %s\t-\n' "$s" >>"$tmp/rows"
	done
	for s in reportgen "compression (zlib, libdeflate)" libharu libc \
	    "libcrypto (SHA-256)" "libxml2 and ICU" "other (ld.so, ...)"; do
		# (the cell in full: "libc" starts "libcrypto" too)
		printf 'instructions per report (M), in %s |\t-\n' "$s" >>"$tmp/rows"
	done
fi

# check OUT COLUMNS: every row once, its cells numbers.  COLUMNS 1: target,
# measured, met; 2: target, A, B, B/A, met.
check() {
	out=$1
	grep -q '^WARNING' "$out" && fail "$out: $(grep '^WARNING' "$out")"
	workers=$(sed -n 's/.*(seed [0-9]*), \([0-9][0-9]*\) workers (the CPUs this process may use).*/\1/p' "$out")
	[ -n "$workers" ] || fail "$out: the header does not say how many workers"
	grep -q '^kB = 1000 bytes' "$out" || fail "$out: the unit is not said once"
	num='[0-9][0-9]*\(\.[0-9][0-9]*\)\{0,1\}'
	val="$num\( ($num-$num)\)\{0,1\}"
	while IFS='	' read -r label target; do
		label=$(echo "$label" | sed "s/WORKERS/$workers/")
		n=$(grep -cF "| $label" "$out")
		[ "$n" = 1 ] || { fail "$out: row '$label' found $n times"; continue; }
		row=$(grep -F "| $label" "$out")
		cells=$(echo "$row" | awk -F' [|] ' '{ print NF }')
		if [ "$2" = 1 ]; then
			[ "$cells" = 4 ] || { fail "row '$label': $cells cells: $row"; continue; }
			t=$(echo "$row" | awk -F' [|] ' '{ print $2 }')
			m=$(echo "$row" | awk -F' [|] ' '{ print $3 }')
			ok=$(echo "$row" | awk -F' [|] ' '{ sub(/ [|]$/, "", $4); print $4 }')
		else
			[ "$cells" = 6 ] || { fail "row '$label': $cells cells: $row"; continue; }
			t=$(echo "$row" | awk -F' [|] ' '{ print $2 }')
			a=$(echo "$row" | awk -F' [|] ' '{ print $3 }')
			m=$(echo "$row" | awk -F' [|] ' '{ print $4 }')
			r=$(echo "$row" | awk -F' [|] ' '{ print $5 }')
			ok=$(echo "$row" | awk -F' [|] ' '{ sub(/ [|]$/, "", $6); print $6 }')
			echo "$a" | grep -qx "$val" || fail "row '$label': A is '$a', not a number"
			echo "$r" | grep -qx "$num" || fail "row '$label': B/A is '$r', not a number"
		fi
		[ "$t" = "$target" ] || fail "row '$label': target '$t', expected '$target'"
		echo "$m" | grep -qx "$val" || fail "row '$label': measured '$m', not a number"
		if [ "$target" = - ]; then
			[ "$ok" = - ] || fail "row '$label': met '$ok' without a target"
		else
			case $ok in yes|no) ;; *) fail "row '$label': met is '$ok'" ;; esac
		fi
	done <"$tmp/rows"
	# no row the list above does not know
	rows=$(grep -c '^| [^f-]' "$out")
	[ "$rows" = "$(wc -l <"$tmp/rows")" ] ||
	    fail "$out: $rows rows, expected $(wc -l <"$tmp/rows")"
}

# -- one binary, callgrind too when valgrind is there
if BENCH_QUICK=1 BENCH_SPLIT=$split BENCH_CG_N=5 RG=$RG sh bench/bench.sh \
    >"$tmp/one" 2>"$tmp/one.err"; then
	check "$tmp/one" 1
	echo "ok: one binary: $(grep -c '^| [^f-]' "$tmp/one") rows"
else
	cat "$tmp/one.err"; fail "bench/bench.sh (one binary): exit status"
fi
if have hyperfine "the render row through hyperfine"; then
	grep -qF '| one `render` process, ms (hyperfine -N)' "$tmp/one" ||
	    fail "the render row is not hyperfine's"
fi

# -- BASE: A and B interleaved, both columns and the ratio
if BENCH_QUICK=1 BENCH_ROUNDS=1 BENCH_SPLIT=0 BASE=$RG RG=$RG \
    sh bench/bench.sh >"$tmp/two" 2>"$tmp/two.err"; then
	grep -v '^instructions' "$tmp/rows" >"$tmp/rows2" && mv "$tmp/rows2" "$tmp/rows"
	check "$tmp/two" 2
	grep -q '^| figure | target | A (BASE) | B (this build) | B/A | met (B) |$' \
	    "$tmp/two" || fail "BASE: no A/B header"
	echo "ok: BASE: two columns and the ratio"
else
	cat "$tmp/two.err"; fail "bench/bench.sh (BASE): exit status"
fi

# -- a binary that is not there fails, it does not print a table
if RG=$tmp/no-such-reportgen BENCH_QUICK=1 sh bench/bench.sh >"$tmp/none" 2>&1; then
	fail "bench with a missing binary exits 0"
fi
finish $fails
