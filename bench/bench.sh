#!/bin/sh
# make bench: the performance figures of issue 17, measured the same way
# every time (bench/bench.py says how each one is taken).  Not part of
# `make test`: timings never gate tests.
#
#   RG            binary (default build/reportgen)
#   BASE          another reportgen: run interleaved with RG (A = BASE,
#                 B = RG), both columns and the ratio B/A
#   BENCH_N       profiles generated (default 1000; 10000 for the scaling run)
#   BENCH_ROUNDS  interleaved rounds (default 5)
#   BENCH_SEED    generator seed (default 1)
#   BENCH_SPLIT   0: no callgrind (default 1)
#   BENCH_CG_N    profiles in the callgrind batch (default 100)
#   BENCH_RENDER  `render` runs per round and binary (default 10)
#   BENCH_QUICK   1: 50 profiles, 2 rounds, no callgrind (tests/t_bench.sh)
#
# Prints one table; docs/performance.md records the figures with the
# machine they were measured on.
set -eu
cd "$(dirname "$0")/.."
exec python3 bench/bench.py
