#!/bin/sh
# mkcorpus.sh OUTDIR: the seed corpora for the fuzz harnesses.
#   OUTDIR/profile  inputs/*.xml, tests/stress/*.xml, tests/bad/*.xml and
#                   tests/repro/fuzz_profile-* / fuzz_render-*
#   OUTDIR/market   data/market.xml and tests/repro/fuzz_market-*
#   OUTDIR/font     fonts/*.ttf and tests/repro/fuzz_font-*
# Files over 128 KiB are left out (the harnesses run with -max_len 131072;
# t_repro.sh still replays the big hostile files through the binary).
set -eu
cd "$(dirname "$0")/.."
out=${1:?usage: mkcorpus.sh OUTDIR}
mkdir -p "$out/profile" "$out/market" "$out/font"
seed() {	# seed DIR FILE...
	d=$1; shift
	for f in "$@"; do
		[ -f "$f" ] || continue
		[ "$(wc -c <"$f")" -le 131072 ] || continue
		cp "$f" "$d/seed-$(echo "$f" | tr '/' '_')"
	done
}
seed "$out/profile" inputs/*.xml tests/stress/*.xml tests/bad/*.xml \
    tests/repro/fuzz_profile-* tests/repro/fuzz_render-*
seed "$out/market" data/market.xml tests/repro/fuzz_market-*
seed "$out/font" fonts/*.ttf tests/repro/fuzz_font-*
echo "corpus: $(ls "$out/profile" | wc -l) profile seeds," \
    "$(ls "$out/market" | wc -l) market seeds," \
    "$(ls "$out/font" | wc -l) font seeds in $out"
