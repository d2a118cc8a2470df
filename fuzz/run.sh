#!/bin/sh
# run.sh FUZZ_B SECONDS [HARNESS...]: run each libFuzzer harness for
# SECONDS on its corpus (FUZZ_B/corpus/<harness>, seeded by mkcorpus.sh)
# and print one line per harness: execs, coverage, features, corpus,
# crashes/timeouts/leaks/ooms (artifacts in FUZZ_B/artifacts/).
# Exit status 1 when any harness found something.
set -u
cd "$(dirname "$0")/.."
B=${1:?usage: run.sh FUZZ_B SECONDS [HARNESS...]}; S=${2:-60}; shift 2
[ $# -gt 0 ] || set -- fuzz_profile fuzz_market fuzz_render fuzz_font
sh fuzz/mkcorpus.sh "$B/seeds" >/dev/null
mkdir -p "$B/artifacts" "$B/logs"
bad=0
for h in "$@"; do
	case $h in
	fuzz_market) seeds=$B/seeds/market; dict=fuzz/market.dict ;;
	fuzz_font) seeds=$B/seeds/font; dict=fuzz/font.dict ;;
	*) seeds=$B/seeds/profile; dict=fuzz/profile.dict ;;
	esac
	corpus=$B/corpus/$h
	mkdir -p "$corpus"
	before=$(ls "$B/artifacts" | grep -c "^$h-" || true)
	log=$B/logs/$h.log
	"$B/$h" -max_total_time="$S" -timeout=10 -rss_limit_mb=2048 \
	    -max_len=131072 -dict="$dict" -print_final_stats=1 \
	    -artifact_prefix="$B/artifacts/$h-" "$corpus" "$seeds" \
	    >"$log" 2>&1
	rc=$?
	after=$(ls "$B/artifacts" | grep -c "^$h-" || true)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -E '^#[0-9]+' "$log" | tail -1 | sed -n 's/.*cov: \([0-9]*\).*ft: \([0-9]*\).*corp: \([0-9]*\).*/cov \1 ft \2 corpus \3/p')
	found=$((after - before))
	printf '%-13s %ss  execs %s  %s  new artifacts %d  rc %d\n' "$h" "$S" \
	    "${execs:-?}" "${cov:-?}" "$found" "$rc"
	if [ "$found" -gt 0 ] || [ "$rc" -ne 0 ]; then
		bad=1
		ls "$B/artifacts" | grep "^$h-" | sed 's/^/    /'
		grep -E 'ERROR|SUMMARY' "$log" | head -5 | sed 's/^/    /'
	fi
done
exit $bad
