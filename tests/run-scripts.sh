#!/bin/sh
# Runs every tests/t_*.sh with RG pointing at the binary under test and
# prints one closing line "N passed, N failed".
cd "$(dirname "$0")/.." || exit 1
LOGDIR=${B:-build}/logs; mkdir -p "$LOGDIR"
pass=0; fail=0; failed=""
for t in tests/t_*.sh; do
	[ -f "$t" ] || continue
	if sh "$t" >"$LOGDIR/$(basename "$t").log" 2>&1; then
		pass=$((pass + 1)); echo "PASS $t"
	else
		fail=$((fail + 1)); failed="$failed $t"; echo "FAIL $t"
		tail -n 30 "$LOGDIR/$(basename "$t").log" | sed 's/^/    /'
	fi
done
echo "scripts: $pass passed, $fail failed"
[ "$fail" = 0 ]
